@testable import Gateway
import HTTP
import HTTPServer
import Testing

@Suite struct JSONBodyTests {
    /// Readers disagree on which of two values counts, so a repeated member is an error, named once.
    @Test func aRepeatedMemberIsAnError() throws {
        let request = ServerRequest(http: HTTPRequest(
            method: .post, target: "/x", headers: HTTPHeaders([("Content-Type", "application/json")]),
            body: Array(#"{"a": 1, "a": "two", "a": null, "b": {"c": 1, "c": 2}}"#.utf8)))
        var body = try JSONBody(request)
        #expect(body.errors.map(\.field) == ["a"])
        let nested = body.object("b")
        #expect(nested?.errors.map(\.field) == ["b.c"])
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
