/// The pool's bookkeeping, kept behind one mutex. Each transition returns what the caller
/// must do after unlocking (resume a waiter, start or stop a worker), so no continuation is
/// resumed and no thread is touched while the lock is held.
struct PoolState {
    /// A caller suspended until a connection frees up.
    struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Worker, any Error>
        var timer: Task<Void, Never>?
    }

    /// What `acquire` must do.
    enum Grant {
        case reuse(Worker)
        case create
        case wait
        case fail(any Error)
    }

    /// What `release` must do.
    enum Handoff {
        case none
        case give(Worker, to: Waiter)
        case create(for: Waiter)
        case stop(Worker)
    }

    let limit: Int
    private(set) var idle: [Worker] = []
    private(set) var size = 0
    private(set) var inUse = 0
    private(set) var waiters: [Waiter] = []
    private(set) var isClosed = false
    private var lastWaiterID = 0

    init(limit: Int) {
        self.limit = limit
    }

    var statistics: PoolStatistics {
        PoolStatistics(size: size, inUse: inUse, idle: idle.count, waiting: waiters.count)
    }

    mutating func makeWaiterID() -> Int {
        lastWaiterID += 1
        return lastWaiterID
    }

    /// Lends an idle worker (most recently used first, as its connection is warmest) or makes
    /// room for a new one; nil when the caller must queue.
    mutating func acquireNow() -> Grant? {
        if isClosed { return .fail(PostgresPool.closedError) }
        if let worker = idle.popLast() {
            inUse += 1
            return .reuse(worker)
        }
        if size < limit {
            size += 1
            inUse += 1
            return .create
        }
        return nil
    }

    /// As `acquireNow`, or queues the caller.
    mutating func acquire(
        id: Int, continuation: CheckedContinuation<Worker, any Error>, isCancelled: Bool,
        startTimer: () -> Task<Void, Never>
    ) -> Grant {
        if let grant = acquireNow() { return grant }
        // A cancellation that arrived before we queued found no waiter to remove.
        if isCancelled { return .fail(CancellationError()) }
        waiters.append(Waiter(id: id, continuation: continuation, timer: startTimer()))
        return .wait
    }

    /// Takes back a worker; `isHealthy` false means it could not connect and must go.
    mutating func release(_ worker: Worker, isHealthy: Bool) -> Handoff {
        if !isHealthy {
            size -= 1
            inUse -= 1
            guard !isClosed, !waiters.isEmpty else { return .stop(worker) }
            size += 1
            inUse += 1
            return .create(for: waiters.removeFirst())
        }
        if !isClosed, !waiters.isEmpty {
            return .give(worker, to: waiters.removeFirst())
        }
        inUse -= 1
        if isClosed {
            size -= 1
            return .stop(worker)
        }
        idle.append(worker)
        return .none
    }

    /// Removes a waiter that timed out or was cancelled; nil if it was already served.
    mutating func removeWaiter(id: Int) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
    }

    /// Refuses new work and hands back the idle workers and waiters to shut down.
    mutating func close() -> (idle: [Worker], waiters: [Waiter]) {
        isClosed = true
        let closing = (idle, waiters)
        size -= idle.count
        idle = []
        waiters = []
        return closing
    }

    /// Empties the idle list when the pool goes away without `shutdown`.
    mutating func takeIdle() -> [Worker] {
        defer { size -= idle.count; idle = [] }
        return idle
    }
}
