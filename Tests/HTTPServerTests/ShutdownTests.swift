import HTTP
import HTTPServer
import Sockets
import Testing
import TestSupport

@Suite struct ShutdownTests {
    @Test func finishesTheRequestInFlightThenStopsAccepting() async throws {
        let server = try TestServer.start()
        let idle = try TestClient(port: server.port)
        try idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        let busy = try TestClient(port: server.port)
        try busy.send("GET /sleep/400 HTTP/1.1\r\nHost: x\r\n\r\n")
        pause(milliseconds: 100)

        server.shutdown()
        let response = try busy.readResponse()
        #expect(response.text == "slept 400")
        #expect(response.header("Connection") == "close")
        #expect(busy.isClosedByServer())
        #expect(idle.isClosedByServer())
        await server.waitUntilStopped()
        // (No connect attempt afterwards: another test may already have been given the port.)
        #expect(server.openConnections == 0)
    }

    @Test func finishesARequestStillBeingReceived() async throws {
        let server = try TestServer.start()
        let idle = try TestClient(port: server.port)
        try idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        let sending = try TestClient(port: server.port)
        try sending.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n")
        // Once the interim answer is here, the server is inside the request.
        #expect(try sending.readResponse().status == 100)
        try sending.send("hello")

        server.shutdown()
        // Idle connections close as shutdown begins; after that the rest of the body arrives.
        #expect(idle.isClosedByServer())
        try sending.send("world")
        let response = try sending.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "helloworld")
        #expect(response.header("Connection") == "close")
        #expect(sending.isClosedByServer())
        await server.waitUntilStopped()
        #expect(server.openConnections == 0)
    }

    @Test func cutsRequestsStillRunningAfterTheDrainTimeout() async throws {
        var limits = ServerLimits()
        limits.drainTimeout = .milliseconds(200)
        let server = try TestServer.start(limits: limits)
        let busy = try TestClient(port: server.port)
        try busy.send("GET /sleep/10000 HTTP/1.1\r\nHost: x\r\n\r\n")
        pause(milliseconds: 50)
        server.shutdown()
        await server.waitUntilStopped()
        // Cut, not answered: the handler would have run for ten seconds.
        #expect(throws: (any Error).self) { try busy.readResponse() }
    }
}
