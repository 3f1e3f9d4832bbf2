import Crypto
import Testing

// FIPS 180-2 appendix vectors: empty, one block, and the 448-bit message that forces
// the length into a second block for SHA-256.
private let nist448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"

@Test func sha256MatchesNISTVectors() {
    #expect(Hex.encode(Digest.sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(Hex.encode(Digest.sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(Hex.encode(Digest.sha256(nist448)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
}

@Test func sha512MatchesNISTVectors() {
    #expect(Hex.encode(Digest.sha512("")) == "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
    #expect(Hex.encode(Digest.sha512("abc")) == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    #expect(Hex.encode(Digest.sha512(nist448)) == "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445")
}

@Test func digestGivesSameResultForEveryCollectionShape() {
    let bytes = Array("abc".utf8)
    let expected = Digest.sha256(bytes)
    #expect(Digest.sha256("abc".utf8) == expected)
    #expect(Digest.sha256(bytes[...]) == expected)
    // Not contiguous: exercises the copying path.
    #expect(Digest.sha256(bytes.lazy.map { $0 }) == expected)
    #expect(Digest.sha512(bytes.lazy.map { $0 }) == Digest.sha512(bytes))
}
