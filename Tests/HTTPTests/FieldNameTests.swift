import HTTP
import Testing

@Suite struct FieldNameTests {
    /// tchar as RFC 9110 §5.6.2 spells it.
    static let tokenBytes = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    @Test func acceptsExactlyTheTokenBytesInFieldNames() throws {
        for byte in UInt8.min...UInt8.max where byte != UInt8(ascii: ":") {
            var text = Array("GET / HTTP/1.1\r\nHost: x\r\nA".utf8)
            text += [byte] + Array("b: v\r\n\r\n".utf8)
            var feeding = ParserFeeding()
            let accepted = (try? feeding.feed(text)) != nil && feeding.requests.count == 1
            #expect(accepted == Self.tokenBytes.contains(byte), "byte \(byte)")
        }
    }

    @Test func acceptsExactlyTheTokenBytesInMethods() throws {
        for byte in UInt8.min...UInt8.max where byte != UInt8(ascii: " ") {
            var feeding = ParserFeeding()
            let accepted = (try? feeding.feed([byte] + Array("X / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))) != nil
            #expect(accepted == Self.tokenBytes.contains(byte), "byte \(byte)")
        }
    }
}
