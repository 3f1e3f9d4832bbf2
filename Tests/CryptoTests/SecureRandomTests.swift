import Crypto
import Testing

private let crockfordLowercase = Set("0123456789abcdefghjkmnpqrstvwxyz")

@Test func randomBytesHaveRequestedCount() {
    #expect(SecureRandom.bytes(0).isEmpty)
    #expect(SecureRandom.bytes(1).count == 1)
    #expect(SecureRandom.bytes(64).count == 64)
    #expect(SecureRandom.bytes(32) != SecureRandom.bytes(32))
}

@Test func identifierHasPrefixLengthAndAlphabet() {
    let id = SecureRandom.identifier(prefix: "po")
    #expect(id.hasPrefix("po_"))
    let body = id.dropFirst(3)
    #expect(body.count == 26)
    #expect(body.allSatisfy(crockfordLowercase.contains))
    #expect(SecureRandom.identifier(prefix: "att", length: 8).count == 12)
    #expect(SecureRandom.identifier(prefix: "", length: 10).count == 10)
}

@Test func identifiersAreDistinctOverTenThousandDraws() {
    let ids = (0..<10_000).map { _ in SecureRandom.identifier(prefix: "po") }
    #expect(Set(ids).count == ids.count)
    let used = Set(ids.map { $0.dropFirst(3) }.joined())
    // 260,000 characters reach every symbol, and nothing outside the alphabet appears.
    #expect(used == crockfordLowercase)
}

@Test func tokenDecodesToByteCount() throws {
    let plain = SecureRandom.token()
    #expect(try #require(Base64.decodeURLSafe(plain)).count == 32)

    let prefixed = SecureRandom.token(prefix: "whsec", byteCount: 24)
    #expect(prefixed.hasPrefix("whsec_"))
    let body = String(prefixed.dropFirst("whsec_".count))
    #expect(try #require(Base64.decodeURLSafe(body)).count == 24)
    #expect(!body.contains("="))
}
