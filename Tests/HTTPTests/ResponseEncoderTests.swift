import HTTP
import Testing

@Suite struct ResponseEncoderTests {
    static let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    static func encode(_ response: HTTPResponse, keepAlive: Bool = true, isHead: Bool = false,
                       requestMinorVersion: Int = 1) -> String {
        var buffer: [UInt8] = []
        HTTPResponseEncoder.encode(response, date: date, keepAlive: keepAlive, isHead: isHead,
                                   requestMinorVersion: requestMinorVersion, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    static let json = HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json")]),
                                   body: Array("{\"ok\":true}".utf8))

    @Test func encodesOkWithBody() {
        #expect(Self.encode(Self.json) == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Date: \(Self.date)\r\nContent-Length: 11\r\n\r\n{\"ok\":true}")
    }

    @Test func encodesHeadWithTheBodysLengthButNoBody() {
        #expect(Self.encode(Self.json, isHead: true) == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Date: \(Self.date)\r\nContent-Length: 11\r\n\r\n")
    }

    @Test func encodesNoContentWithoutLengthOrBody() {
        let response = HTTPResponse(status: .noContent, body: Array("ignored".utf8))
        #expect(Self.encode(response) == "HTTP/1.1 204 No Content\r\nDate: \(Self.date)\r\n\r\n")
        #expect(Self.encode(HTTPResponse(status: HTTPStatus(304))) == "HTTP/1.1 304 Not Modified\r\nDate: \(Self.date)\r\n\r\n")
    }

    @Test func encodesConnectionClose() {
        let response = HTTPResponse(status: .notFound, headers: HTTPHeaders([("Connection", "keep-alive")]))
        #expect(Self.encode(response, keepAlive: false) == "HTTP/1.1 404 Not Found\r\nDate: \(Self.date)\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n")
    }

    @Test func encodesKeepAliveForHTTP10() {
        #expect(Self.encode(HTTPResponse(status: .ok), requestMinorVersion: 0) == "HTTP/1.1 200 OK\r\n"
            + "Date: \(Self.date)\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
    }

    @Test func appendsToExistingBytes() {
        var buffer = Array("x".utf8)
        HTTPResponseEncoder.encode(HTTPResponse(status: .accepted), date: Self.date, keepAlive: true, isHead: false,
                                   into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self).hasPrefix("xHTTP/1.1 202 Accepted\r\n"))
    }

    @Test func dropsFieldsThatCouldSplitTheResponse() {
        let headers = HTTPHeaders([
            ("X-Evil", "a\r\nSet-Cookie: s=1"), ("X-Lf", "a\nb"), ("Bad Name", "v"), ("", "v"),
            ("X-Nul", "a\u{0}"), ("X-Ok", "fine"),
        ])
        #expect(Self.encode(HTTPResponse(status: .ok, headers: headers)) == "HTTP/1.1 200 OK\r\nX-Ok: fine\r\n"
            + "Date: \(Self.date)\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func replacesFramingFieldsWithItsOwn() {
        let headers = HTTPHeaders([("content-length", "99"), ("Transfer-Encoding", "chunked"), ("date", "old")])
        #expect(Self.encode(HTTPResponse(status: .ok, headers: headers, body: [0x41])) == "HTTP/1.1 200 OK\r\n"
            + "Date: \(Self.date)\r\nContent-Length: 1\r\n\r\nA")
    }

    @Test func writesTheContinueResponse() {
        #expect(HTTPResponseEncoder.continueResponse == Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
    }
}

extension ResponseEncoderTests {
    @Test func setsAFieldInPlaceOfTheResponsesOwn() {
        let headers = HTTPHeaders([("x-request-id", "theirs"), ("Content-Type", "text/plain"), ("X-Request-Id", "again")])
        var buffer: [UInt8] = []
        HTTPResponseEncoder.encode(HTTPResponse(status: .ok, headers: headers), date: Self.date, keepAlive: true,
                                   isHead: false, setting: ("X-Request-Id", "ours"), into: &buffer)
        var expected = HTTPResponse(status: .ok, headers: headers)
        expected.headers.set("X-Request-Id", "ours")
        #expect(String(decoding: buffer, as: UTF8.self) == Self.encode(expected))
        #expect(String(decoding: buffer, as: UTF8.self) == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
            + "X-Request-Id: ours\r\nDate: \(Self.date)\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func dropsAnUnsafeSetFieldAndAnUnsafeDate() {
        var buffer: [UInt8] = []
        HTTPResponseEncoder.encode(HTTPResponse(status: .ok), date: "bad\r\nX: y", keepAlive: true, isHead: false,
                                   setting: ("X-Request-Id", "a\r\nb"), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func filtersControlBytesOutOfTheReason() {
        #expect(Self.encode(HTTPResponse(status: HTTPStatus(299, "Fi\r\nne"))) == "HTTP/1.1 299 Fine\r\n"
            + "Date: \(Self.date)\r\nContent-Length: 0\r\n\r\n")
    }
}

extension ResponseEncoderTests {
    @Test func encodesLargeHeadsWhole() {
        let long = String(repeating: "v", count: 10_000)
        let fields = (0..<50).map { ("X-Field-\($0)", $0 == 7 ? long : "value \($0)") }
        let text = Self.encode(HTTPResponse(status: HTTPStatus(299, String(repeating: "r", count: 500)),
                                            headers: HTTPHeaders(fields), body: [0x41]))
        var expected = "HTTP/1.1 299 \(String(repeating: "r", count: 500))\r\n"
        for (name, value) in fields { expected += "\(name): \(value)\r\n" }
        expected += "Date: \(Self.date)\r\nContent-Length: 1\r\n\r\nA"
        #expect(text == expected)
    }
}
