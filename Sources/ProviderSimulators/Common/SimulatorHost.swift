import HTTP
import HTTPServer
import Synchronization

/// Runs a simulator's routes on 127.0.0.1 and applies latency and injected faults.
final class SimulatorHost: Sendable {
    private struct State {
        var port = 0
        var fault: SimulatorFault
        var isStopped = false
    }

    private let state: Mutex<State>
    private let listener = SimulatorListener()
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

    /// Binds `port` (0: a free one), serving or refusing as the fault says; returns the port.
    func start(port: Int) throws -> Int {
        let bound = try listen(port: port, refusing: fault == .refuseConnections)
        state.withLock { $0.port = bound }
        return bound
    }

    func stop() async {
        state.withLock { $0.isStopped = true }
        await listener.stop()
    }

    /// Changes the fault; `refuseConnections` closes the listener, leaving it listens again on the same port.
    func setFault(_ fault: SimulatorFault) async throws {
        let (old, port) = state.withLock { state in
            defer { state.fault = fault }
            return (state.fault, state.port)
        }
        let refusing = fault == .refuseConnections
        guard refusing != (old == .refuseConnections) else { return }
        await listener.stop()
        _ = try listen(port: port, refusing: refusing)
    }

    private func listen(port: Int, refusing: Bool) throws -> Int {
        var router = Router()
        routes(&router)
        // A short drain so `stop()` does not wait out a deliberately delayed answer.
        let limits = ServerLimits(drainTimeout: .milliseconds(300), handlerThreads: 2)
        return try listener.start(port: port, refusing: refusing, routes: router, limits: limits) {
            HTTPResponse(status: .internalServerError, body: Array("internal error".utf8))
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
}
