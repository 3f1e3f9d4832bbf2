import Testing

@Test func placeholderProviderTests() {}
