import Foundation
import HTTP
import HTTPServer
import Testing
import TestSupport

@Suite struct ServingTests {
    @Test func answersGetWithBodyDateAndRequestID() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc-123\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello")
        #expect(response.header("X-Request-Id") == "abc-123")
        let date = try #require(response.header("Date"))
        #expect(date.wholeMatch(of: /[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT/) != nil)
        await TestServer.stop(server)
    }

    @Test func generatesRequestIDWhenCallerSendsNoneOrAnUnusableOne() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: \(String(repeating: "a", count: 129))\r\n\r\n")
        let first = try client.readResponse(), second = try client.readResponse()
        #expect(first.header("X-Request-Id")?.hasPrefix("req_") == true)
        #expect(second.header("X-Request-Id")?.hasPrefix("req_") == true)
        #expect(first.header("X-Request-Id") != second.header("X-Request-Id"))
        await TestServer.stop(server)
    }

    @Test func answersHeadWithoutBody() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(head: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "5")
        let get = try client.readResponse()
        #expect(get.text == "hello")
        await TestServer.stop(server)
    }

    @Test func keepsConnectionAliveAcrossRequests() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        for index in 0..<50 {
            try client.send("GET /items/\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "item \(index)")
        }
        await TestServer.stop(server)
    }

    @Test func answersPipelinedRequestsInOrderEvenWhenTheFirstIsSlow() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("GET /sleep/100 HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /items/7 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().text == "slept 100")
        #expect(try client.readResponse().text == "hello")
        #expect(try client.readResponse().text == "abc")
        #expect(try client.readResponse().text == "item 7")
        await TestServer.stop(server)
    }

    @Test func readsChunkedBodies() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
        pause(milliseconds: 20)
        try client.send("6;ext=1\r\n world\r\n0\r\nTrailer: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello world")
        await TestServer.stop(server)
    }

    @Test func sendsContinueBeforeTheBodyWhenAsked() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("ping")
        let final = try client.readResponse()
        #expect(final.status == 200)
        #expect(final.text == "ping")
        await TestServer.stop(server)
    }

    @Test func answersNotFoundAndMethodNotAllowedWithAllow() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\nDELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 404)
        let notAllowed = try client.readResponse()
        #expect(notAllowed.status == 405)
        #expect(notAllowed.header("Allow") == "GET, HEAD")
        await TestServer.stop(server)
    }

    @Test func turnsHandlerErrorsIntoResponsesAndKeepsServing() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 500)
        #expect(try client.readResponse().status == 200)
        await TestServer.stop(server)
    }

    @Test func closesAfterAnsweringConnectionClose() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
        await TestServer.stop(server)
    }

    @Test func answersAClientThatHalfClosedAfterItsRequest() async throws {
        let server = try TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send("GET /sleep/50 HTTP/1.1\r\nHost: x\r\n\r\n")
        client.socket.shutdownWrite()
        #expect(try client.readResponse().text == "slept 50")
        #expect(client.isClosedByServer())
        await TestServer.stop(server)
    }

    @Test func slowHandlerDoesNotStallOtherConnections() async throws {
        let server = try TestServer.start(loops: 1)
        let slow = try TestClient(port: server.port)
        try slow.send("GET /sleep/1500 HTTP/1.1\r\nHost: x\r\n\r\n")
        let fast = try TestClient(port: server.port, receiveTimeoutMilliseconds: 1000)
        for _ in 0..<20 {
            try fast.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try fast.readResponse().status == 200)
        }
        #expect(try slow.readResponse().text == "slept 1500")
        await TestServer.stop(server)
    }

    @Test func servesFromSeveralLoopsOnOnePort() async throws {
        let server = try TestServer.start(loops: 2)
        let clients = try (0..<8).map { _ in try TestClient(port: server.port) }
        for client in clients {
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        #expect(server.openConnections == 8)
        await TestServer.stop(server)
    }
}
