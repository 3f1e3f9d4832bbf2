import HTTP
import Testing

@Suite struct RequestParserTests {
    @Test func parsesSimpleGet() throws {
        var feeding = ParserFeeding()
        try feeding.feed("GET /healthz?full=1 HTTP/1.1\r\nHost: x\r\nAccept:  */* \r\n\r\n")
        let request = try #require(feeding.requests.first)
        #expect(request.method == .get)
        #expect(request.target == "/healthz?full=1")
        #expect(request.path == "/healthz")
        #expect(request.query == "full=1")
        #expect(request.minorVersion == 1)
        #expect(request.headers["host"] == "x")
        #expect(request.headers["Accept"] == "*/*")
        #expect(request.body.isEmpty)
        #expect(feeding.pending.isEmpty)
    }

    @Test func parsesPipelinedRequestsInOrder() throws {
        let first = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
        let second = "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
        let third = "HEAD /c HTTP/1.0\r\n\r\n"
        var feeding = ParserFeeding()
        try feeding.feed(first + second + third)
        #expect(feeding.requests.map(\.target) == ["/a", "/b", "/c"])
        #expect(feeding.requests.map(\.method) == [.get, .post, .head])
        #expect(feeding.requests[1].body == Array("abc".utf8))
        #expect(feeding.consumedCounts == [first.utf8.count, second.utf8.count, third.utf8.count])
    }

    @Test(arguments: [1, 2, 3, 7])
    func parsesTheSameRequestFromSmallPieces(pieceSize: Int) throws {
        let text = "POST /p?q HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;a=b\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 1\r\n\r\n"
            + "PUT /n HTTP/1.1\r\nHost: y\r\nContent-Length: 4\r\n\r\nwxyz"
        let whole = try parseRequests(text)
        let pieces = try parseRequests(text, pieceSize: pieceSize)
        #expect(pieces.count == 2)
        #expect(pieces.map(\.target) == whole.map(\.target))
        #expect(pieces.map(\.headers) == whole.map(\.headers))
        #expect(pieces.map(\.body) == whole.map(\.body))
        #expect(pieces.map(\.body) == [Array("abcde".utf8), Array("wxyz".utf8)])
    }

    @Test func parsesTheSameRequestsWhateverTheSplitPoint() throws {
        let text = "\r\nPOST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;a=b\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\nGET /g HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi"
        let bytes = Array(text.utf8)
        for split in 0...bytes.count {
            var feeding = ParserFeeding()
            try feeding.feed(bytes[..<split])
            try feeding.feed(bytes[split...])
            #expect(feeding.events.count == 3, "split at \(split)")
            #expect(feeding.events.first?.isExpectContinue == true)
            #expect(feeding.requests.map(\.body) == [Array("abc".utf8), Array("hi".utf8)], "split at \(split)")
            #expect(feeding.pending.isEmpty)
        }
    }

    @Test func isInsideAMessageFromItsConsumedRequestLineToItsEnd() throws {
        var feeding = ParserFeeding()
        try feeding.feed("POST /p HTTP/1.1\r\nHo")
        #expect(feeding.parser.isInsideMessage)
        try feeding.feed("st: x\r\nContent-Length: 4\r\n\r\nab")
        #expect(feeding.parser.isInsideMessage)
        try feeding.feed("cdGET /g HTT")
        #expect(feeding.requests.count == 1)
        // An unfinished request line stays with the caller, so the parser holds nothing of it.
        #expect(!feeding.parser.isInsideMessage)
        #expect(feeding.pending == Array("GET /g HTT".utf8))
    }

    @Test func readsContentLengthBody() throws {
        let requests = try parseRequests("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world")
        #expect(requests.first?.body == Array("hello world".utf8))
    }

    @Test func readsChunkedBodyWithExtensionsAndDropsTrailers() throws {
        let text = "POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n"
            + "5;name=value;flag\r\nhello\r\n9 ; x=\"y\"\r\n, world!!\r\n0;last\r\nDigest: abc\r\nOther: 1\r\n\r\n"
        let request = try #require(try parseRequests(text).first)
        #expect(request.body == Array("hello, world!!".utf8))
        #expect(request.headers["Digest"] == nil)
        #expect(request.headers.count == 2)
    }

    @Test func waitsForAChunkSplitAcrossReads() throws {
        var feeding = ParserFeeding()
        try feeding.feed("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1")
        try feeding.feed("0\r\n0123456789ab")
        #expect(feeding.requests.isEmpty)
        try feeding.feed("cdef\r\n0\r")
        #expect(feeding.requests.isEmpty)
        try feeding.feed("\n\r\n")
        #expect(feeding.requests.first?.body == Array("0123456789abcdef".utf8))
        #expect(feeding.pending.isEmpty)
    }

    @Test func reportsExpectContinueBeforeTheBody() throws {
        let head = "PUT /p HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n"
        var parser = HTTPRequestParser(limits: HTTPLimits())
        let bytes = Array((head + "abc").utf8)
        let first = try bytes.withUnsafeBytes { try parser.parse($0) }
        #expect(first.consumed == head.utf8.count)
        #expect(first.event?.isExpectContinue == true)
        let second = try bytes[first.consumed...].withUnsafeBytes { try parser.parse($0) }
        #expect(second.consumed == 3)
        guard case .request(let request)? = second.event else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == Array("abc".utf8))
    }

    @Test func skipsExpectContinueWithoutBodyOrOnHTTP10() throws {
        var feeding = ParserFeeding()
        try feeding.feed("GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n")
        try feeding.feed("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nz")
        #expect(feeding.events.count == 2)
        #expect(!feeding.events.contains { $0.isExpectContinue })
    }

    @Test func parsesHeadRequest() throws {
        let request = try #require(try parseRequests("HEAD /r HTTP/1.1\r\nHost: x\r\n\r\n").first)
        #expect(request.method == .head)
        #expect(request.body.isEmpty)
    }

    @Test func ignoresLeadingEmptyLines() throws {
        let requests = try parseRequests("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(requests.count == 1)
    }

    @Test func acceptsAsteriskFormForOptionsAndAbsoluteForm() throws {
        let requests = try parseRequests("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET HTTP://example.com/a/b?c=d HTTP/1.1\r\nHost: example.com\r\n\r\n"
            + "GET https://example.com?e HTTP/1.1\r\nHost: example.com\r\n\r\n")
        #expect(requests.map(\.path) == ["*", "/a/b", "/"])
        #expect(requests.map(\.query) == [nil, "c=d", "e"])
        #expect(requests[1].target == "HTTP://example.com/a/b?c=d")
    }

    @Test func keepsRepeatedFieldsInOrder() throws {
        let request = try #require(try parseRequests("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\na: 2\r\nB:\r\n\r\n").first)
        #expect(request.headers.values("A") == ["1", "2"])
        #expect(request.headers["B"] == "")
    }

    @Test func keepsThrowingAfterAnError() {
        var parser = HTTPRequestParser(limits: HTTPLimits())
        let bad = Array("BAD\u{1}\r\n".utf8)
        let good = Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        #expect(throws: HTTPParseError.badRequest("invalid method")) { try bad.withUnsafeBytes { try parser.parse($0) } }
        #expect(throws: HTTPParseError.badRequest("invalid method")) { try good.withUnsafeBytes { try parser.parse($0) } }
    }
}
