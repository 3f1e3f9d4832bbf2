import JSON
import Testing

@Suite struct JSONReaderTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONReader.parse(Array(text.utf8))
    }

    private func member(_ key: String, _ value: JSONValue) -> JSONValue.Member {
        JSONValue.Member(key: key, value: value)
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#" {"a": "x", "b": [true, false, null], "c": {"d": -0.5e+3}, "e": 12} "#)
        #expect(value == .object([
            member("a", .string("x")), member("b", .array([.bool(true), .bool(false), .null])),
            member("c", .object([member("d", .number("-0.5e+3"))])), member("e", .number("12")),
        ]))
        #expect(try parse("7") == .number("7"))
        #expect(try parse(#""top""#) == .string("top"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\né😀"))
        #expect(try parse("\"é😀\"") == .string("é😀"))
    }

    @Test func keepsMembersInOrderWithRepeatedNames() throws {
        #expect(try parse(#"{"b": 1, "a": 2, "b": "two"}"#)
            == .object([member("b", .number("1")), member("a", .number("2")), member("b", .string("two"))]))
    }

    @Test func toleratesAByteOrderMark() throws {
        #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object([]))
    }

    @Test(arguments: [
        "", "{", "{nope", #"{"a":1,}"#, "[1,]", "01", "1.", "-", "1e", "+1", ".5", "tru", "nul", "{} x",
        #"{"a" 1}"#, #"{a: 1}"#, #""\x""#, #""\u12g4""#, #""\ud800""#, #""\ud800\u0041""#, #""\udc00""#,
        "\"tab\there\"", "\"unterminated", "// comment\n{}", "NaN", "Infinity",
    ])
    func refusesWhatIsNotJSON(text: String) {
        #expect(throws: JSONSyntaxError.self) { try parse(text) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse([0x22, 0xC3, 0x22]) }
    }

    @Test func boundsNesting() throws {
        let deepest = String(repeating: "[", count: JSONReader.depthMaxDefault) + String(repeating: "]", count: JSONReader.depthMaxDefault)
        #expect(throws: Never.self) { try parse(deepest) }
        let deeper = "[" + deepest + "]"
        #expect(throws: JSONSyntaxError.self) { try parse(deeper) }
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(Array("[[[]]]".utf8), depthMax: 2) }
        #expect(throws: Never.self) { try JSONReader.parse(Array("[[]]".utf8), depthMax: 2) }
    }

    @Test func writesStringsEscaped() throws {
        var out: [UInt8] = []
        JSONString.append("a\"b\\c\nd\u{01}é", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"a\\\"b\\\\c\\nd\\u0001é\"")
        out = []
        JSONString.append("plain", to: &out)
        #expect(try JSONReader.parse(out) == .string("plain"))
    }
}
