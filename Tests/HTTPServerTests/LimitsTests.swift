import Glibc
import HTTP
import HTTPServer
import Sockets
import Synchronization
import Testing
import TestSupport

/// Each limit at its edge (accepted) and one past it (refused).
@Suite struct LimitsTests {
    static let small = ServerLimits(http: HTTPLimits(requestLineBytesMax: 64, headerBytesMax: 256, headerCountMax: 4, bodyBytesMax: 16))

    /// A GET whose request line, CRLF included, is exactly `bytes` long.
    static func requestLine(bytes: Int) -> String {
        let fixed = "GET /items/ HTTP/1.1\r\n".utf8.count
        return "GET /items/\(String(repeating: "a", count: bytes - fixed)) HTTP/1.1\r\n"
    }

    func exchange(_ request: String, limits: ServerLimits = LimitsTests.small) async throws -> (status: Int, closed: Bool) {
        let server = try TestServer.start(limits: limits)
        let client = try TestClient(port: server.port)
        try client.send(request)
        let response = try client.readResponse()
        let closed = response.status >= 400 ? client.isClosedByServer() : false
        await TestServer.stop(server)
        return (response.status, closed)
    }

    @Test func requestLineAtLimitIsServedAndOnePastIsRefused() async throws {
        #expect(try await exchange(Self.requestLine(bytes: 64) + "Host: x\r\n\r\n").status == 200)
        let past = try await exchange(Self.requestLine(bytes: 65) + "Host: x\r\n\r\n")
        #expect(past.status == 431)
        #expect(past.closed)
    }

    @Test func headerCountAtLimitIsServedAndOnePastIsRefused() async throws {
        let three = (1...3).map { "X-\($0): v\r\n" }.joined()
        #expect(try await exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\(three)\r\n").status == 200)
        let four = (1...4).map { "X-\($0): v\r\n" }.joined()
        #expect(try await exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\(four)\r\n").status == 431)
    }

    @Test func headBytesAtLimitAreServedAndOnePastAreRefused() async throws {
        func head(bytes: Int) -> String {
            let fixed = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Pad: \r\n\r\n".utf8.count
            return "GET /hello HTTP/1.1\r\nHost: x\r\nX-Pad: \(String(repeating: "p", count: bytes - fixed))\r\n\r\n"
        }
        #expect(try await exchange(head(bytes: 256)).status == 200)
        #expect(try await exchange(head(bytes: 257)).status == 431)
    }

    @Test func bodyAtLimitIsServedAndOnePastIsRefused() async throws {
        let atLimit = String(repeating: "b", count: 16)
        #expect(try await exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 16\r\n\r\n\(atLimit)").status == 200)
        let past = try await exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n\(atLimit)b")
        #expect(past.status == 413)
        #expect(past.closed)
    }

    /// A client still sending a body the server refused gets to read the 413: the server reads
    /// and drops the rest before closing, where closing at once would reset the connection and
    /// could fail the client's send before it ever saw the answer.
    @Test func aRefusedBodyStillBeingSentDoesNotResetTheAnswer() async throws {
        let server = try TestServer.start(limits: Self.small)
        let client = try TestClient(port: server.port)
        let body = [UInt8](repeating: UInt8(ascii: "b"), count: 16 << 20)
        try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
        try client.send(body)
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(client.isClosedByServer())
        #expect(server.openConnections == 0)
        await TestServer.stop(server)
    }

    @Test func chunkedBodyPastLimitIsRefused() async throws {
        let chunks = "8\r\naaaaaaaa\r\n8\r\nbbbbbbbb\r\n"
        #expect(try await exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(chunks)0\r\n\r\n").status == 200)
        #expect(try await exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(chunks)1\r\nc\r\n0\r\n\r\n").status == 413)
    }

    @Test(arguments: [
        "GARBAGE\r\n\r\n",
        "GET /hello HTTP/9.9\r\nHost: x\r\n\r\n",
        "GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET /hello HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET /hello HTTP/1.1\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func malformedRequestsAreRefusedAndTheConnectionClosed(request: String) async throws {
        let result = try await exchange(request, limits: ServerLimits())
        #expect((400...505).contains(result.status))
        #expect(result.closed)
    }

    @Test func connectionsAtLimitAreServedAndOnePastIsRefused() async throws {
        var limits = ServerLimits()
        limits.connectionsMax = 2
        let server = try TestServer.start(limits: limits)
        let first = try TestClient(port: server.port), second = try TestClient(port: server.port)
        for client in [first, second] {
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        let third = try TestClient(port: server.port)
        #expect(try third.readResponse().status == 503)
        #expect(third.isClosedByServer())
        await TestServer.stop(server)
    }

    @Test func slowlorisIsCutOffButAPromptClientIsServed() async throws {
        var limits = ServerLimits()
        limits.headerReadTimeout = .milliseconds(400)
        let server = try TestServer.start(limits: limits)
        let prompt = try TestClient(port: server.port)
        try prompt.send("GET /hello HTTP/1.1\r\n")
        pause(milliseconds: 100)
        try prompt.send("Host: x\r\n\r\n")
        #expect(try prompt.readResponse().status == 200)

        let slow = try TestClient(port: server.port)
        for piece in ["GET /hello HTTP/1.1\r\n", "Host: x\r\n", "X-A: 1\r\n", "X-B: 2\r\n", "X-C: 3\r\n"] {
            try? slow.send(piece)
            pause(milliseconds: 150)
        }
        #expect(try slow.readResponse().status == 408)
        #expect(slow.isClosedByServer())
        await TestServer.stop(server)
    }

    @Test func idleConnectionIsClosedAfterIdleTimeout() async throws {
        var limits = ServerLimits()
        limits.idleTimeout = .milliseconds(500)
        let server = try TestServer.start(limits: limits)
        let client = try TestClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        pause(milliseconds: 100)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        #expect(client.isClosedByServer())
        #expect(server.openConnections == 0)
        await TestServer.stop(server)
    }

    @Test func handlerPastDeadlineGets504AndOneWithinIsServed() async throws {
        var limits = ServerLimits()
        // Generous, so a loaded machine running the whole suite cannot push the quick one past it.
        limits.handlerDeadline = .milliseconds(1500)
        let server = try TestServer.start(limits: limits)
        let client = try TestClient(port: server.port)
        try client.send("GET /sleep/1 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        try client.send("GET /sleep/60000 HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 504)
        #expect(try client.readResponse().status == 200)
        await TestServer.stop(server)
    }

    @Test func handlerPastDeadlineIsAnsweredAsTheRequestItWasGiven() async throws {
        var limits = ServerLimits()
        limits.handlerDeadline = .milliseconds(300)
        let observer = RecordingObserver()
        let server = try TestServer.start(limits: limits, observer: observer)
        let client = try TestClient(port: server.port)
        try client.send("HEAD /sleep/60000 HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let timedOut = try client.readResponse(head: true)
        #expect(timedOut.status == 504)
        #expect(timedOut.header("X-Request-Id") == "abc")
        // An answer to HEAD has no body, so the next answer starts right after the head.
        let next = try client.readResponse()
        #expect(next.status == 200)
        #expect(next.text == "hello")
        let entry = try #require(observer.first(1)?.first)
        #expect(entry.method == "HEAD")
        #expect(entry.route == "/sleep/{ms}")
        #expect(entry.requestID == "abc")
        #expect(entry.status == 504)
        await TestServer.stop(server)
    }

    @Test func handlerPastDeadlineKeepsAnHTTP10KeepAliveConnection() async throws {
        var limits = ServerLimits()
        limits.handlerDeadline = .milliseconds(300)
        let server = try TestServer.start(limits: limits)
        let client = try TestClient(port: server.port)
        try client.send("GET /sleep/60000 HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
        let timedOut = try client.readResponse()
        #expect(timedOut.status == 504)
        // Without it an HTTP/1.0 client takes the connection as closing (RFC 9112 §9.3).
        #expect(timedOut.header("Connection") == "keep-alive")
        try client.send("GET /hello HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
        #expect(try client.readResponse().text == "hello")
        await TestServer.stop(server)
    }

    @Test func newConnectionThatSendsNothingIsClosedAfterHeaderReadTimeout() async throws {
        var limits = ServerLimits()
        limits.headerReadTimeout = .milliseconds(300)
        let server = try TestServer.start(limits: limits)
        let silent = try TestClient(port: server.port)
        // Well inside the client's five-second wait, where the sixty-second idle timeout is not.
        #expect(silent.isClosedByServer())

        // Between requests a connection has the idle timeout, not the header-read one.
        let client = try TestClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        pause(milliseconds: 700)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        await TestServer.stop(server)
    }

    @Test func pipelinedRequestWaitingOnASlowHandlerGetsTheWholeHeaderReadTimeout() async throws {
        var limits = ServerLimits()
        limits.headerReadTimeout = .milliseconds(800)
        let server = try TestServer.start(limits: limits)
        let client = try TestClient(port: server.port)
        // The handler outlasts the header-read timeout while the POST waits, half sent, behind it.
        try client.send("GET /sleep/1500 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello")
        #expect(try client.readResponse().text == "slept 1500")
        pause(milliseconds: 300)
        try client.send("world")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "helloworld")
        await TestServer.stop(server)
    }

    @Test func streamWhoseProducerFallsSilentIsClosedAfterIdleTimeout() async throws {
        var limits = ServerLimits()
        limits.idleTimeout = .milliseconds(300)
        let cancelled = Flag()
        let server = try TestServer.start(limits: limits) { router in
            router.get("/stall", .async { _ in
                HTTPResponse(status: .ok, stream: HTTPBodyStream { writer in
                    try await writer.write(Array("first".utf8))
                    do { try await Task.sleep(for: .seconds(60)) } catch {
                        cancelled.set()
                        throw error
                    }
                })
            })
        }
        let client = try TestClient(port: server.port)
        try client.send("GET /stall HTTP/1.1\r\nHost: x\r\n\r\n")
        // Cut mid-body (end-of-stream reads as ECONNRESET), not left until the client's own wait runs out.
        do {
            _ = try client.readResponse()
            Issue.record("a stream that never ends was answered in full")
        } catch let error as SocketError {
            #expect(error.errno == ECONNRESET)
        }
        var producerCancelled = false
        for _ in 0..<500 where !producerCancelled {
            pause(milliseconds: 10)
            producerCancelled = cancelled.isSet
        }
        #expect(producerCancelled)
        await TestServer.stop(server)
    }
}

/// A fact a handler or producer reports to its test.
private final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
