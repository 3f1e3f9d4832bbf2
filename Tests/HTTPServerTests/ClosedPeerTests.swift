import HTTP
import HTTPServer
import Testing
import TestSupport

/// A client that goes away while the server cannot read from it costs the loop nothing.
/// Each test reads the loop thread's CPU time when one answer is reported and again at a
/// later one; a loop woken over and over by the closed socket would have used about the
/// whole wait in between.
@Suite struct ClosedPeerTests {
    static let quietLoopCPUTimeMax = Duration.milliseconds(500)

    @Test func loopStaysQuietWhileAHandlerRunsForAClientThatLeft() async throws {
        let observer = RecordingObserver()
        let server = try TestServer.start(observer: observer)
        let client = try TestClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        do {
            let leaving = try TestClient(port: server.port)
            try leaving.send("GET /sleep/1500 HTTP/1.1\r\nHost: x\r\n\r\n")
        }
        // The handler still finishes and its answer is still reported, after a wait of 1.5 s.
        let entries = try #require(observer.first(2))
        #expect(entries[1].route == "/sleep/{ms}")
        #expect(entries[1].loopCPUTime - entries[0].loopCPUTime < Self.quietLoopCPUTimeMax)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        await TestServer.stop(server)
    }

    @Test func loopStaysQuietForAClientThatHalfClosedAndStoppedReading() async throws {
        let observer = RecordingObserver()
        let server = try TestServer.start(observer: observer) { router in
            TestServer.defaultRoutes(&router)
            // More than loopback socket buffers hold, so output stays queued while the client does not read.
            let big = [UInt8](repeating: UInt8(ascii: "b"), count: 32 << 20)
            router.get("/big", .inline { _ in HTTPResponse(status: .ok, body: big) })
        }
        let stuck = try TestClient(port: server.port)
        try stuck.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        stuck.socket.shutdownWrite()
        _ = try #require(observer.first(1))
        pause(milliseconds: 1500)
        let client = try TestClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let entries = try #require(observer.first(2))
        #expect(entries[0].route == "/big")
        #expect(entries[1].loopCPUTime - entries[0].loopCPUTime < Self.quietLoopCPUTimeMax)
        await TestServer.stop(server)
    }
}
