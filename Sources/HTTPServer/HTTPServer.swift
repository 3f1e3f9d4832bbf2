import Sockets
import Synchronization
import Threads

/// The HTTP/1.1 server: one epoll event loop per thread, each with its own SO_REUSEPORT
/// listener so the kernel spreads connections. Inline handlers run on the loop; async
/// handlers run as tasks on the server's `HandlerExecutor` threads and post their answer back
/// to the loop, so a slow handler stalls no one else.
public final class HTTPServer: Sendable {
    private let shared: ServerShared
    private let loops: [EventLoop]
    private let finished = Mutex<(stopped: Int, waiters: [CheckedContinuation<Void, Never>])>((0, []))
    /// The port actually bound (useful when asked for port 0).
    public let port: Int

    /// Binds `host:port` (0 picks a free port) on `eventLoopCount` loops; call `start()` to serve.
    public init(host: String, port: Int, eventLoopCount: Int, limits: ServerLimits = ServerLimits(), responder: Responder) throws {
        precondition(eventLoopCount >= 1)
        guard let address = try SocketAddress.resolve(host: host, port: port).first else {
            throw SocketError("resolve \(host)")
        }
        let shared = ServerShared(responder: responder, limits: limits,
                                  executor: HandlerExecutor(threadCount: limits.handlerThreads))
        var loops: [EventLoop] = []
        var listeners: [Socket] = []
        do {
            let first = try Socket.listen(on: address, reusePort: true)
            listeners.append(first)
            let boundPort = try first.localAddress().port
            let sameAddress = try SocketAddress.resolve(host: address.host, port: boundPort)[0]
            for _ in 1..<eventLoopCount {
                listeners.append(try Socket.listen(on: sameAddress, reusePort: true))
            }
            for listener in listeners { loops.append(try EventLoop(listener: listener, shared: shared)) }
            self.port = boundPort
        } catch {
            if loops.count < listeners.count { for listener in listeners[loops.count...] { listener.close() } }
            throw error
        }
        self.shared = shared
        self.loops = loops
    }

    /// Starts the loop threads.
    public func start() {
        for (index, loop) in loops.enumerated() {
            DetachedThread.start(name: "http-loop-\(index)", stackBytes: 1 << 20) { [self] in
                LoopThread.enter(index: index)
                loop.run()
                loopStopped()
            }
        }
    }

    /// Stops accepting, lets in-flight requests finish within the drain timeout, then closes.
    public func shutdown() {
        for loop in loops { loop.post(.shutdown) }
    }

    /// Returns once every loop has stopped.
    public func waitUntilStopped() async {
        await withCheckedContinuation { continuation in
            let done = finished.withLock { state -> Bool in
                if state.stopped == loops.count { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Connections open right now, across all loops.
    public var openConnections: Int { shared.openConnections.load(ordering: .relaxed) }

    private func loopStopped() {
        let waiters = finished.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.stopped += 1
            guard state.stopped == loops.count else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        if !waiters.isEmpty || finished.withLock({ $0.stopped == loops.count }) { shared.executor.stop() }
        for waiter in waiters { waiter.resume() }
    }
}
