import HTTP
import Testing

/// Feeds `text` to a fresh parser in pieces of `split` bytes, keeping the unconsumed rest as a
/// client would; `closes` simulates the server closing after the last byte.
private func parse(_ text: String, method: HTTPMethod = .get, limits: HTTPLimits = HTTPLimits(),
                   split: Int = .max, closes: Bool = false) throws(HTTPResponseParseError) -> ReceivedResponse? {
    var parser = HTTPResponseParser(limits: limits, requestMethod: method)
    let bytes = Array(text.utf8)
    var pending: [UInt8] = []
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + split)
        pending += bytes[offset..<end]
        offset = end
        let result = pending.withUnsafeBytes { raw in
            Result { () throws(HTTPResponseParseError) in try parser.parse(raw) }
        }
        let (consumed, response) = try result.get()
        pending.removeFirst(consumed)
        if let response { return response }
    }
    return closes ? try parser.finish() : nil
}

@Test(arguments: [1, 3, Int.max])
func readsContentLengthResponse(split: Int) throws {
    let response = try #require(try parse("HTTP/1.1 201 Created\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello", split: split))
    #expect(response.response.status.code == 201)
    #expect(response.response.status.reason == "Created")
    #expect(response.response.headers["x-a"] == "b")
    #expect(response.response.body == Array("hello".utf8))
    #expect(response.isKeepAlive)
}

@Test(arguments: [1, 4, Int.max])
func readsChunkedResponseAndDropsTrailers(split: Int) throws {
    let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nT: x\r\n\r\n"
    let response = try #require(try parse(text, split: split))
    #expect(String(decoding: response.response.body, as: UTF8.self) == "Wikipedia")
    #expect(response.response.headers["T"] == nil)
    #expect(response.isKeepAlive)
}

@Test func readsBodyUntilCloseAndThenClosesTheConnection() throws {
    #expect(try parse("HTTP/1.1 200 OK\r\n\r\npartial", split: 3) == nil)
    let response = try #require(try parse("HTTP/1.1 200 OK\r\n\r\nall of it", split: 3, closes: true))
    #expect(response.response.body == Array("all of it".utf8))
    #expect(!response.isKeepAlive)
}

@Test func skipsInterimResponses() throws {
    let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    let response = try #require(try parse(text, split: 5))
    #expect(response.response.status.code == 200)
    #expect(response.response.headers["Link"] == nil)
    #expect(response.response.body == Array("ok".utf8))
}

@Test func headAnd204And304CarryNoBody() throws {
    let head = try #require(try parse("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", method: .head))
    #expect(head.response.body.isEmpty && head.isKeepAlive)
    for code in [204, 304] {
        let response = try #require(try parse("HTTP/1.1 \(code) X\r\nContent-Length: 3\r\n\r\n"))
        #expect(response.response.status.code == code)
        #expect(response.response.body.isEmpty)
    }
}

@Test func honoursConnectionCloseAndHTTP10() throws {
    #expect(try parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")?.isKeepAlive == false)
    #expect(try parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")?.isKeepAlive == false)
    #expect(try parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")?.isKeepAlive == true)
}

@Test func toleratesAnEmptyReasonPhrase() throws {
    #expect(try parse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")?.response.status.code == 200)
    #expect(try parse("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n")?.response.status.code == 200)
}

@Test func bodyLimitAtTheEdgeAndOnePast() throws {
    let limits = HTTPLimits(bodyBytesMax: 4)
    #expect(try parse("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd", limits: limits)?.response.body.count == 4)
    #expect(throws: HTTPResponseParseError.bodyTooLarge) {
        try parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", limits: limits)
    }
    #expect(throws: HTTPResponseParseError.bodyTooLarge) {
        try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\n", limits: limits)
    }
    #expect(throws: HTTPResponseParseError.bodyTooLarge) {
        try parse("HTTP/1.1 200 OK\r\n\r\nabcde", limits: limits, split: 2)
    }
}

@Test func headLimitIsEnforced() {
    let limits = HTTPLimits(headerBytesMax: 64)
    #expect(throws: HTTPResponseParseError.headTooLarge) {
        try parse("HTTP/1.1 200 OK\r\nX: \(String(repeating: "a", count: 64))\r\n\r\n", limits: limits)
    }
}

@Test(arguments: [
    "HTTP/1.1 20 OK\r\n\r\n",
    "HTTP/1.1 abc OK\r\n\r\n",
    "HTTX/1.1 200 OK\r\n\r\n",
    "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
    "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    "HTTP/1.1 101 Switching Protocols\r\n\r\n",
])
func refusesMalformedResponses(text: String) {
    #expect(throws: HTTPResponseParseError.self) { try parse(text) }
}

@Test func refusesOtherCodingsAndVersions() {
    #expect(throws: HTTPResponseParseError.unsupportedTransferEncoding) {
        try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
    }
    #expect(throws: HTTPResponseParseError.versionNotSupported) { try parse("HTTP/2.0 200 OK\r\n\r\n") }
}

@Test func reportsAResponseCutShort() {
    #expect(throws: HTTPResponseParseError.incomplete) {
        try parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", closes: true)
    }
}
