import HTTP
import Testing

@Suite struct RequestParserMalformedTests {
    static let host = "Host: x\r\n"

    static let cases: [(String, HTTPParseError)] = [
        ("G(T / HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid method")),
        (" GET / HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid method")),
        ("GET  / HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid request target")),
        ("GET /\r\n\(host)\r\n", .badRequest("missing HTTP version")),
        ("GET / \r\n\(host)\r\n", .badRequest("invalid HTTP version")),
        ("GET / http/1.1\r\n\(host)\r\n", .badRequest("invalid HTTP version")),
        ("GET / HTTP/1.1 \r\n\(host)\r\n", .badRequest("invalid HTTP version")),
        ("GET / HTTP/2.0\r\n\(host)\r\n", .versionNotSupported),
        ("GET / HTTP/1.2\r\n\(host)\r\n", .versionNotSupported),
        ("GET /a\u{7F}b HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid request target")),
        ("GET /a\tb HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid request target")),
        ("GET /é HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid request target")),
        ("GET a/b HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid request target")),
        ("GET * HTTP/1.1\r\n\(host)\r\n", .badRequest("asterisk-form is only for OPTIONS")),
        ("CONNECT example.com:443 HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid request target")),
        ("GET http:///x HTTP/1.1\r\n\(host)\r\n", .badRequest("invalid request target")),
        ("GET / HTTP/1.1\n\(host)\r\n", .badRequest("line ends with a bare LF")),
        ("GET / HTTP/1.1\r\nHost: x\n\r\n", .badRequest("line ends with a bare LF")),
        ("GET / HTTP/1.1\r\(host)\r\n", .badRequest("invalid HTTP version")),
        ("GET / HTTP/1.1\r\nHost: x\r\nA: b\rc\r\n\r\n", .badRequest("bare CR in field value")),
        ("GET / HTTP/1.1\r\nHost: x\r\nA: b\u{0}c\r\n\r\n", .badRequest("invalid character in field value")),
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", .badRequest("whitespace before colon in field line")),
        ("GET / HTTP/1.1\r\nHost\t: x\r\n\r\n", .badRequest("whitespace before colon in field line")),
        ("GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n c\r\n\r\n", .badRequest("obsolete line folding")),
        ("GET / HTTP/1.1\r\n\tHost: x\r\n\r\n", .badRequest("obsolete line folding")),
        ("GET / HTTP/1.1\r\n: x\r\n\(host)\r\n", .badRequest("empty field name")),
        ("GET / HTTP/1.1\r\nNo colon\r\n\(host)\r\n", .badRequest("whitespace before colon in field line")),
        ("GET / HTTP/1.1\r\nNocolon\r\n\(host)\r\n", .badRequest("invalid field name")),
        ("GET / HTTP/1.1\r\nA@b: c\r\n\(host)\r\n", .badRequest("invalid field name")),
        ("GET / HTTP/1.1\r\n\r\n", .badRequest("missing Host field")),
        ("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", .badRequest("more than one Host field")),
        ("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", .badRequest("more than one Host field")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
         .badRequest("both Transfer-Encoding and Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
         .badRequest("both Transfer-Encoding and Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n", .badRequest("invalid Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: 1 2\r\n\r\n", .badRequest("invalid Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: 0x10\r\n\r\n", .badRequest("invalid Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: +5\r\n\r\n", .badRequest("invalid Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length:\r\n\r\n", .badRequest("invalid Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: 3, 3\r\n\r\n", .badRequest("invalid Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nContent-Length: 4\r\n\r\n",
         .badRequest("more than one Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nContent-Length: 3\r\n\r\n",
         .badRequest("more than one Content-Length")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferEncoding),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, chunked\r\n\r\n", .unsupportedTransferEncoding),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n",
         .unsupportedTransferEncoding),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding:\r\n\r\n", .unsupportedTransferEncoding),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .badRequest("Transfer-Encoding in an HTTP/1.0 request")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nzz\r\n", .badRequest("invalid chunk size")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5x\r\n", .badRequest("invalid chunk size")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n\r\n", .badRequest("invalid chunk size")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n-1\r\n", .badRequest("invalid chunk size")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
         .badRequest("chunk size overflow")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n8000000000000000\r\n",
         .badRequest("chunk size overflow")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
         .badRequest("chunk data not followed by CRLF")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n1;a\u{1}\r\n",
         .badRequest("invalid character in chunk extension")),
        ("POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer: x\r\n\r\n",
         .badRequest("whitespace before colon in field line")),
        (String(repeating: "\r\n", count: 9) + "GET / HTTP/1.1\r\n\(host)\r\n",
         .badRequest("too many empty lines before the request line")),
    ]

    @Test(arguments: cases)
    func refusesMalformedRequest(text: String, error: HTTPParseError) {
        #expect(parseError(text) == error)
    }

    @Test(arguments: cases)
    func refusesMalformedRequestFedByteByByte(text: String, error: HTTPParseError) {
        var feeding = ParserFeeding()
        #expect(throws: error) { try feeding.feed(text, pieceSize: 1) }
    }

    @Test func boundsChunkExtensions() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        let longLine = "1;" + String(repeating: "e", count: 1100) + "\r\n"
        #expect(parseError(head + longLine) == .badRequest("chunk size line too long"))
        let limits = HTTPLimits(headerBytesMax: 100)
        let chunk = "1;" + String(repeating: "e", count: 39) + "\r\nz\r\n"
        #expect(parseError(head + chunk + chunk, limits: limits) == nil)
        #expect(parseError(head + chunk + chunk + chunk, limits: limits) == .badRequest("chunk extensions too long"))
    }

    @Test func mapsErrorsToStatuses() {
        #expect(HTTPParseError.badRequest("x").status.code == 400)
        #expect(HTTPParseError.requestHeaderFieldsTooLarge.status.code == 431)
        #expect(HTTPParseError.payloadTooLarge.status.code == 413)
        #expect(HTTPParseError.unsupportedTransferEncoding.status.code == 501)
        #expect(HTTPParseError.versionNotSupported.status.code == 505)
    }
}
