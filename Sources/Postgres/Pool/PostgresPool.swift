import Synchronization

/// A bounded pool of connections, each owned by its own worker thread.
///
/// Callers wait asynchronously for a free connection; the closure they pass then runs on that
/// connection's thread with blocking libpq calls, so a whole transaction runs on one thread
/// and never blocks the caller's executor.
public final class PostgresPool: Sendable {
    /// Where the connections go.
    public let configuration: PostgresConfiguration
    /// Size and deadlines.
    public let limits: PoolLimits
    let state: Mutex<PoolState>

    static let closedError = PostgresError(kind: .poolClosed, message: "the connection pool is shut down")

    /// Makes a pool; no connection is opened until the first use.
    public init(configuration: PostgresConfiguration, limits: PoolLimits = PoolLimits()) {
        self.configuration = configuration
        self.limits = limits
        self.state = Mutex(PoolState(limit: limits.size))
    }

    deinit {
        // Nobody holds a connection now (each use keeps the pool alive), so only idle ones remain.
        for worker in state.withLock({ $0.takeIdle() }) {
            worker.stop(onExit: nil)
        }
    }

    /// Runs `body` with a connection, on that connection's thread. Connections are opened lazily
    /// up to `size`; a caller waits at most `acquireTimeout` for one, else throws PostgresError
    /// with kind .poolTimeout. Once started, `body` runs to completion even if the task is cancelled.
    @discardableResult
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let worker = try await acquire()
        let (result, isHealthy) = await run(body, on: worker)
        release(worker, isHealthy: isHealthy)
        return try result.get()
    }

    /// BEGIN; body; COMMIT. Any thrown error → ROLLBACK and rethrow. Cancellation-safe: the
    /// closure runs to completion on the worker even if the caller's task is cancelled.
    /// `genericPlans` as in `PostgresConnection.transaction`.
    @discardableResult
    public func withTransaction<T: Sendable>(
        genericPlans: Bool = false, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try connection.transaction(genericPlans: genericPlans, body)
        }
    }

    /// Connections open, lent and idle, and callers waiting, right now.
    public var statistics: PoolStatistics {
        state.withLock { $0.statistics }
    }

    /// Closes idle connections, fails waiters with `.poolClosed`, refuses new work. Connections
    /// still lent out close when their closure returns.
    public func shutdown() async {
        let (idle, waiters) = state.withLock { $0.close() }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: Self.closedError)
        }
        for worker in idle {
            await worker.stop()
        }
    }

    func makeWorker() -> Worker {
        Worker(name: "postgres-pool")
    }
}
