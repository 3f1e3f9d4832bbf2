@testable import Gateway
import HTTP
import HTTPServer
import Testing

@Suite struct JSONReaderTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONReader.parse(Array(text.utf8))
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#" {"a": "x", "b": [true, false, null], "c": {"d": -0.5e+3}, "e": 12} "#)
        #expect(value == .object(["a": .string("x"), "b": .array([.bool(true), .bool(false), .null]),
                                  "c": .object(["d": .number]), "e": .number]))
        #expect(try parse("7") == .number)
        #expect(try parse(#""top""#) == .string("top"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\né😀"))
        #expect(try parse("\"é😀\"") == .string("é😀"))
    }

    @Test func aRepeatedMemberKeepsItsLastValue() throws {
        #expect(try parse(#"{"a": 1, "a": "two"}"#) == .object(["a": .string("two")]))
    }

    @Test func toleratesAByteOrderMark() throws {
        #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object([:]))
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
        let deepest = String(repeating: "[", count: JSONReader.depthMax) + String(repeating: "]", count: JSONReader.depthMax)
        #expect(throws: Never.self) { try parse(deepest) }
        let deeper = "[" + deepest + "]"
        #expect(throws: JSONSyntaxError.self) { try parse(deeper) }
    }

    @Test func bodyReaderTellsBooleansFromNumbersAndStrings() throws {
        let request = ServerRequest(http: HTTPRequest(
            method: .post, target: "/x", headers: HTTPHeaders([("Content-Type", " application/JSON ; charset=utf-8")]),
            body: Array(#"{"yes": true, "one": 1, "text": "t", "number": 5, "none": null, "list": ["a", 1]}"#.utf8)))
        var body = try JSONBody(request)
        #expect(body.bool("yes") == true)
        #expect(body.bool("one") == nil)
        #expect(body.string("text") == "t")
        #expect(body.string("number") == nil)
        #expect(body.string("none") == nil)
        #expect(body.stringArray("list") == nil)
        #expect(body.errors.map(\.field) == ["one", "number", "list"])
    }

    @Test(arguments: [("  a b\t", "a b"), ("\u{00A0}x\u{3000}", "x"), (" \t ", ""), ("x", "x")])
    func trimsBlanks(text: String, trimmed: String) {
        #expect(text.trimmingSpaces == trimmed)
        #expect(text[...].trimmingSpaces == trimmed)
    }
}
