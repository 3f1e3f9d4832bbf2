extension PostgresPool {
    /// Waits for a worker: an idle one, a new one while below `size`, or the next one released.
    func acquire() async throws -> Worker {
        // Without suspending when a worker is free: a suspension resumed at once still sends the
        // task back through its executor's queue.
        switch state.withLock({ $0.acquireNow() }) {
        case .reuse(let worker): return worker
        case .create: return makeWorker()
        case .fail(let error): throw error
        case .wait, nil: break
        }
        let id = state.withLock { $0.makeWaiterID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let grant = state.withLock { state in
                    state.acquire(
                        id: id, continuation: continuation, isCancelled: Task.isCancelled,
                        startTimer: { startTimer(for: id) })
                }
                switch grant {
                case .reuse(let worker): continuation.resume(returning: worker)
                case .create: continuation.resume(returning: makeWorker())
                case .fail(let error): continuation.resume(throwing: error)
                case .wait: break
                }
            }
        } onCancel: {
            abandon(waiter: id, with: CancellationError())
        }
    }

    private func startTimer(for id: Int) -> Task<Void, Never> {
        let timeout = limits.acquireTimeout
        return Task { [weak self] in
            do {
                try await Task.sleep(for: timeout)
            } catch {
                return  // Cancelled: the waiter was served.
            }
            self?.abandon(waiter: id, with: PostgresError(
                kind: .poolTimeout,
                message: "no connection became free within \(timeout) (pool size \(self?.limits.size ?? 0))"))
        }
    }

    private func abandon(waiter id: Int, with error: any Error) {
        guard let waiter = state.withLock({ $0.removeWaiter(id: id) }) else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(throwing: error)
    }

    func release(_ worker: Worker, isHealthy: Bool) {
        switch state.withLock({ $0.release(worker, isHealthy: isHealthy) }) {
        case .none:
            break
        case .give(let worker, let waiter):
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: worker)
        case .create(let waiter):
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: makeWorker())
            worker.stop(onExit: nil)
        case .stop(let worker):
            worker.stop(onExit: nil)
        }
    }

    /// Runs `body` on the worker's thread, first making sure its connection is alive. The
    /// second value is false when no connection could be opened, so the worker is retired.
    func run<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws -> T, on worker: Worker
    ) async -> (Result<T, any Error>, Bool) {
        let configuration = configuration
        let limits = limits
        return await withCheckedContinuation { continuation in
            let accepted = worker.submit { slot in
                continuation.resume(returning: Self.perform(body, slot: &slot, configuration: configuration, limits: limits))
            }
            // Only a worker already told to stop refuses, and lent workers are never stopped.
            precondition(accepted, "a lent worker refused a job")
        }
    }

    /// On the worker thread: reconnect if needed, run the body, leave no transaction open.
    /// A statement is never retried: reconnecting happens only before the body starts.
    private static func perform<T>(
        _ body: (PostgresConnection) throws -> T, slot: inout PostgresConnection?,
        configuration: PostgresConfiguration, limits: PoolLimits
    ) -> (Result<T, any Error>, Bool) {
        if let connection = slot, !connection.isUsable {
            connection.close()
            slot = nil
        }
        if slot == nil {
            do {
                let connection = try PostgresConnection.connect(configuration, connectTimeout: limits.connectTimeout)
                if let timeout = limits.statementTimeout {
                    try connection.setStatementTimeout(timeout)
                }
                slot = connection
            } catch {
                return (.failure(error), false)
            }
        }
        guard let connection = slot else { return (.failure(closedError), false) }
        let result = Result { try body(connection) }
        connection.resetAfterUse()
        if connection.handle == nil { slot = nil }
        return (result, true)
    }
}
