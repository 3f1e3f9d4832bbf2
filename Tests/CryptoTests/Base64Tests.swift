import Crypto
import Testing

// RFC 4648 §10 test vectors.
private let rfc4648Vectors: [(plain: String, encoded: String)] = [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
    ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
]

@Test func base64EncodesRFC4648Vectors() {
    for vector in rfc4648Vectors {
        #expect(Base64.encode(vector.plain.utf8) == vector.encoded)
    }
}

@Test func base64DecodesRFC4648Vectors() {
    for vector in rfc4648Vectors {
        #expect(Base64.decode(vector.encoded) == Array(vector.plain.utf8))
    }
}

@Test(arguments: [
    "Zg", "Zg=", "Zg===", "Zm9vY", "Z===", "=Zg=", "Zm=v", "Zm9v\n", " Zm9v", "Zm9v!",
    "Zm9vYg==Zm9v", "Zh==", "Zm9=", "Zm-v", "Zm_v",
])
func base64RejectsMalformedText(_ text: String) {
    #expect(Base64.decode(text) == nil)
}

@Test func base64URLSafeUsesDashAndUnderscore() {
    let bytes: [UInt8] = [0xfb, 0xff, 0xbf]
    #expect(Base64.encode(bytes) == "+/+/")
    #expect(Base64.encodeURLSafe(bytes) == "-_-_")
    #expect(Base64.decodeURLSafe("-_-_") == bytes)
    #expect(Base64.decodeURLSafe("+/+/") == nil)
}

@Test func base64URLSafePadsOnlyWhenAsked() {
    for vector in rfc4648Vectors {
        let unpadded = vector.encoded.filter { $0 != "=" }
        #expect(Base64.encodeURLSafe(vector.plain.utf8) == unpadded)
        #expect(Base64.encodeURLSafe(vector.plain.utf8, padded: true) == vector.encoded)
        #expect(Base64.decodeURLSafe(unpadded) == Array(vector.plain.utf8))
        #expect(Base64.decodeURLSafe(vector.encoded) == Array(vector.plain.utf8))
    }
}

@Test(arguments: ["Z", "Zg=", "Zm9vY", "Zh", "Zm9v=", "Zg===", "Zm9v Yg"])
func base64URLSafeRejectsMalformedText(_ text: String) {
    #expect(Base64.decodeURLSafe(text) == nil)
}

@Test func base64RoundTripsEveryLength() {
    let bytes = [UInt8](0...255)
    for length in 0...bytes.count {
        let slice = bytes[..<length]
        #expect(Base64.decode(Base64.encode(slice)) == Array(slice))
        #expect(Base64.decodeURLSafe(Base64.encodeURLSafe(slice)) == Array(slice))
    }
}
