import HTTP
import Testing

private func encoded(_ request: HTTPRequest) -> String {
    var buffer: [UInt8] = []
    HTTPRequestEncoder.encode(request, into: &buffer)
    return String(decoding: buffer, as: UTF8.self)
}

@Test func encodesHeadFieldsAndBodyInOneBuffer() {
    let request = HTTPRequest(method: .post, target: "/v1/x?a=1", headers: HTTPHeaders([("Host", "h"), ("Content-Length", "99")]),
                              body: Array("{}".utf8))
    #expect(encoded(request) == "POST /v1/x?a=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}")
}

@Test func sendsContentLengthZeroOnlyForMethodsWithContent() {
    #expect(encoded(HTTPRequest(method: .get, target: "/")) == "GET / HTTP/1.1\r\n\r\n")
    #expect(encoded(HTTPRequest(method: .post, target: "/")) == "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
}

@Test func findsFieldsThatWouldSplitTheRequest() {
    #expect(HTTPRequestEncoder.unsafeFieldName(in: HTTPHeaders([("A", "ok")])) == nil)
    #expect(HTTPRequestEncoder.unsafeFieldName(in: HTTPHeaders([("A", "x\r\nEvil: 1")])) == "A")
    #expect(HTTPRequestEncoder.unsafeFieldName(in: HTTPHeaders([("Bad Name", "x")])) == "Bad Name")
    #expect(!HTTPRequestEncoder.isSendable(method: .get, target: "/a b"))
    #expect(HTTPRequestEncoder.isSendable(method: .get, target: "/a%20b"))
}
