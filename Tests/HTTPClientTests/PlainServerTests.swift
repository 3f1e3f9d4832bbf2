import HTTP
import HTTPClient
import HTTPServer
import Sockets
import Testing

/// Round trips against our own HTTPServer on 127.0.0.1 and a free port.
@Suite struct PlainServerTests {
    static func startServer() throws -> HTTPServer {
        var router = Router()
        router.get("/hello", .inline { _ in HTTPResponse(status: .ok, body: Array("hello".utf8)) })
        router.post("/echo", .async { request in HTTPResponse(status: .created, body: request.body) })
        router.get("/seen", .inline { request in
            let seen = "\(request.headers["Host"] ?? "-") \(request.headers["User-Agent"] ?? "-")"
            return HTTPResponse(status: .ok, body: Array(seen.utf8))
        })
        let responder = Responder(router: router, errorResponder: { _, _ in HTTPResponse(status: .internalServerError) })
        let server = try HTTPServer(host: "127.0.0.1", port: 0, eventLoopCount: 1, responder: responder)
        server.start()
        return server
    }

    static func stop(_ server: HTTPServer) async {
        server.shutdown()
        await server.waitUntilStopped()
    }

    @Test func getAndPostRoundTrip() async throws {
        let server = try Self.startServer()
        let client = HTTPClient()
        let base = "http://127.0.0.1:\(server.port)"
        let get = try await client.send(ClientRequest(method: .get, url: "\(base)/hello"))
        #expect(get.status.code == 200 && text(get) == "hello")
        let post = try await client.send(ClientRequest(method: .post, url: "\(base)/echo", body: Array("{\"a\":1}".utf8)))
        #expect(post.status.code == 201 && text(post) == "{\"a\":1}")
        let seen = try await client.send(ClientRequest(method: .get, url: "\(base)/seen"))
        #expect(text(seen) == "127.0.0.1:\(server.port) swift-http-client/1")
        await client.shutdown()
        await Self.stop(server)
    }

    @Test func reusesOneConnectionForSequentialRequests() async throws {
        let server = try Self.startServer()
        let client = HTTPClient()
        for _ in 0..<5 {
            _ = try await client.send(ClientRequest(method: .get, url: "http://127.0.0.1:\(server.port)/hello"))
        }
        #expect(server.openConnections == 1)
        await client.shutdown()
        await Self.stop(server)
    }

    @Test func refusedConnectionIsNotSent() async throws {
        // A port bound but not listening refuses connections, and stays ours for the whole test,
        // so no other test's server can take it meanwhile (a closed port could be reused).
        let reserved = try Socket.bindWithoutListening(on: SocketAddress.resolve(host: "127.0.0.1", port: 0)[0])
        defer { reserved.close() }
        let port = try reserved.localAddress().port
        let client = HTTPClient()
        let error = await failure { () throws(ClientError) in
            try await client.send(ClientRequest(method: .post, url: "http://127.0.0.1:\(port)/payouts"))
        }
        guard case .notSent(.connectFailed) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(error?.requestMayHaveReachedServer == false)
    }

    @Test func invalidURLsAreNotSent() async {
        let client = HTTPClient()
        for url in ["ftp://x/", "http://", "http://user@host/", "http://h:99999/", "http://h/a b"] {
            let error = await failure { () throws(ClientError) in try await client.send(ClientRequest(method: .get, url: url)) }
            guard case .notSent(.invalidRequest) = error else { Issue.record("\(url): \(String(describing: error))"); continue }
        }
        let error = await failure { () throws(ClientError) in
            try await client.send(ClientRequest(method: .get, url: "http://127.0.0.1:1/",
                                                headers: HTTPHeaders([("X", "a\r\nInjected: 1")])))
        }
        guard case .notSent(.invalidRequest) = error else { Issue.record("got \(String(describing: error))"); return }
    }
}
