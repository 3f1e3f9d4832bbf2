import HTTP
import HTTPServer
import Sockets
import Synchronization

/// Runs a simulator's routes on 127.0.0.1 and applies latency and injected faults.
final class SimulatorHost: Sendable {
    private struct State {
        var server: HTTPServer?
        /// Holds the port while refusing connections, so no other server can take it.
        var refusing: Socket?
        var port = 0
        var fault: SimulatorFault
        var isStopped = false
    }

    private let state: Mutex<State>
    private let routes: @Sendable (inout Router) -> Void
    let latency: Duration

    init(options: SimulatorOptions, routes: @escaping @Sendable (inout Router) -> Void) {
        self.state = Mutex(State(fault: options.fault))
        self.routes = routes
        self.latency = options.latency
    }

    var fault: SimulatorFault { state.withLock { $0.fault } }

    /// After `stop()`, late callbacks are not sent: the receiver's port may belong to someone else by then.
    var isStopped: Bool { state.withLock { $0.isStopped } }

    /// Binds `port` (0: a free one) unless refusing connections; returns the port.
    func start(port: Int) throws -> Int {
        let refusing = state.withLock { $0.fault == .refuseConnections }
        if refusing {
            // Bound but not listening: connects are refused and the port stays ours.
            let socket = try Socket.bindWithoutListening(on: SocketAddress.resolve(host: "127.0.0.1", port: port)[0])
            let bound = try socket.localAddress().port
            state.withLock { $0.refusing = socket; $0.port = bound }
            return bound
        }
        state.withLock { state in
            state.refusing?.close()
            state.refusing = nil
        }
        let server = try makeServer(port: port)
        server.start()
        state.withLock { $0.server = server; $0.port = server.port }
        return server.port
    }

    func stop() async {
        let server = state.withLock { state -> HTTPServer? in
            defer { state.server = nil }
            state.isStopped = true
            state.refusing?.close()
            state.refusing = nil
            return state.server
        }
        guard let server else { return }
        server.shutdown()
        await server.waitUntilStopped()
    }

    /// Changes the fault; `refuseConnections` closes the listener, leaving it listens again on the same port.
    func setFault(_ fault: SimulatorFault) async throws {
        let (old, port) = state.withLock { state in
            defer { state.fault = fault }
            return (state.fault, state.port)
        }
        if fault == .refuseConnections, old != .refuseConnections {
            await stop()
            let socket = try Socket.bindWithoutListening(on: SocketAddress.resolve(host: "127.0.0.1", port: port)[0])
            state.withLock { $0.refusing = socket }
        } else if old == .refuseConnections, fault != .refuseConnections {
            _ = try start(port: port)
        }
    }

    /// A handler that only adds latency.
    func plain(_ body: @escaping @Sendable (ServerRequest) async -> HTTPResponse) -> Handler {
        .async { [latency] request in
            if latency > .zero { try await Task.sleep(for: latency) }
            return await body(request)
        }
    }

    /// A handler for a call that can move money: `body` executes and answers; the fault decides
    /// what the client then sees. `serverError` answers before executing anything.
    func moneyMoving(_ body: @escaping @Sendable (ServerRequest) async -> HTTPResponse) -> Handler {
        .async { [self] request in
            if latency > .zero { try await Task.sleep(for: latency) }
            let fault = self.fault
            if fault == .serverError {
                return HTTPResponse(status: .internalServerError, body: Array("internal error".utf8))
            }
            var response = await body(request)
            switch fault {
            case .none, .refuseConnections, .serverError:
                return response
            case .delayAfterExecuting(let delay):
                try? await Task.sleep(for: delay)
                return response
            case .dropConnectionAfterExecuting:
                struct Dropped: Error {}
                return HTTPResponse(status: response.status, headers: response.headers,
                                    stream: HTTPBodyStream { _ in throw Dropped() })
            case .tamperResponseBody:
                response.body.append(UInt8(ascii: " "))
                return response
            }
        }
    }

    private func makeServer(port: Int) throws -> HTTPServer {
        var router = Router()
        routes(&router)
        let responder = Responder(router: router, errorResponder: { _, _ in
            HTTPResponse(status: .internalServerError, body: Array("internal error".utf8))
        })
        // A short drain so `stop()` does not wait out a deliberately delayed answer.
        let limits = ServerLimits(drainTimeout: .milliseconds(300), handlerThreads: 2)
        return try HTTPServer(host: "127.0.0.1", port: port, eventLoopCount: 1, limits: limits, responder: responder)
    }
}
