import HTTP
import HTTPServer
import Sockets
import Synchronization

/// Serves a simulator's routes on 127.0.0.1, or, to play a provider that is down, holds a port
/// bound but not listening (connects are refused and no other server can take the port).
final class SimulatorListener: Sendable {
    private struct State {
        var server: HTTPServer?
        var refusing: Socket?
    }

    private let state = Mutex(State())

    /// Starts serving `routes` on `port` (0: a free one), or refusing; returns the port.
    func start(port: Int, refusing: Bool, routes: Router, limits: ServerLimits = ServerLimits(),
               errorResponse: @escaping @Sendable () -> HTTPResponse) throws -> Int {
        if refusing {
            let socket = try Socket.bindWithoutListening(on: SocketAddress.resolve(host: "127.0.0.1", port: port)[0])
            state.withLock { $0.refusing = socket }
            return try socket.localAddress().port
        }
        let responder = Responder(router: routes, errorResponder: { _, _ in errorResponse() })
        let server = try HTTPServer(host: "127.0.0.1", port: port, eventLoopCount: 1, limits: limits, responder: responder)
        server.start()
        state.withLock { $0.server = server }
        return server.port
    }

    /// While serving; a stopped simulator sends no more callbacks, since the receiver's port may
    /// belong to someone else by then.
    var isServing: Bool { state.withLock { $0.server != nil } }

    /// Stops serving (waiting for the loop to end) and releases a refused port.
    func stop() async {
        let server = state.withLock { state -> HTTPServer? in
            state.refusing?.close()
            state.refusing = nil
            defer { state.server = nil }
            return state.server
        }
        guard let server else { return }
        server.shutdown()
        await server.waitUntilStopped()
    }
}
