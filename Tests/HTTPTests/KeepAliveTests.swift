import HTTP
import Testing

@Suite struct KeepAliveTests {
    static let cases: [(String, Bool)] = [
        ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, CLOSE\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: close\r\n\r\n", false),
    ]

    @Test(arguments: cases)
    func decidesKeepAliveFromVersionAndConnection(text: String, isKeepAlive: Bool) throws {
        let request = try #require(try parseRequests(text).first)
        #expect(request.isKeepAlive == isKeepAlive)
    }
}
