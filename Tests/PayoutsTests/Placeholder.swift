import Testing

@Test func placeholderPayoutsTests() {}
