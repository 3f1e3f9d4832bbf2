import Glibc
import Sockets
import Testing

@Suite struct PollerTests {
    /// Both ends of a loopback connection: the one a listener accepted, and the client's.
    static func connectedPair() throws -> (accepted: Socket, client: Socket) {
        let listener = try Socket.listen(on: try SocketAddress.resolve(host: "127.0.0.1", port: 0)[0], reusePort: false)
        defer { listener.close() }
        let client = try Socket.connect(to: try listener.localAddress(), timeoutMilliseconds: 2000, nonBlocking: false)
        for _ in 0..<200 {
            if let accepted = try listener.accept() { return (accepted, client) }
            usleep(10_000)
        }
        client.close()
        throw SocketError("accept", errno: ETIMEDOUT)
    }

    @Test func peerThatClosedIsNotReportedOnADescriptorWatchedForNothing() throws {
        let (accepted, client) = try Self.connectedPair()
        defer { accepted.close() }
        let poller = try Poller()
        try poller.add(accepted.descriptor, [], token: 7)
        client.close()
        // Level-triggered: anything reported here would be reported by every wait after it.
        try poller.wait(timeoutMilliseconds: 200)
        #expect(poller.readyCount == 0)

        // Watched for reads again, the close is there to read as end-of-stream.
        try poller.modify(accepted.descriptor, .readable, token: 7)
        try poller.wait(timeoutMilliseconds: 2000)
        #expect(poller.readyCount == 1)
        #expect(poller.event(at: 0).token == 7)
        #expect(poller.event(at: 0).events.contains(.readable))
    }

    @Test func peerThatResetIsReportedAsHangupWithoutBeingAskedFor() throws {
        let (accepted, client) = try Self.connectedPair()
        defer { accepted.close() }
        let poller = try Poller()
        try poller.add(accepted.descriptor, [], token: 7)
        // A zero linger makes close send a reset instead of an orderly end.
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(client.descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        client.close()
        try poller.wait(timeoutMilliseconds: 2000)
        #expect(poller.readyCount == 1)
        #expect(poller.event(at: 0).events.contains(.hangup))
    }
}
