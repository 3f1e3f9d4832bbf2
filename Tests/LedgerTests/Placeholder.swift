import Testing

@Test func placeholderLedgerTests() {}
