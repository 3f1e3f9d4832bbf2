import Testing

@Test func placeholderCryptoTests() {}
