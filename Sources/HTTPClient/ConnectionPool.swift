import Synchronization

/// Open connections per endpoint, at most `connectionsPerHostMax` each, idle ones kept for reuse.
///
/// Callers over the limit wait in arrival order, for at most the time they are given; a
/// connection released while someone waits goes straight to them (or its slot does, when the
/// connection itself cannot be reused).
final class ConnectionPool: Sendable {
    /// What `acquire` hands out.
    enum Grant: Sendable {
        /// An idle connection with a live transport (to be checked before use).
        case reuse(Connection)
        /// A slot for a new connection, counted already: the caller opens it.
        case create(Connection)
        case fail(ClientError)
    }

    struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Grant, Never>
        var timer: Task<Void, Never>?
    }

    struct Host {
        var idle: [Connection] = []
        /// Idle plus leased.
        var open = 0
        var waiters: [Waiter] = []
    }

    struct State {
        var hosts: [Endpoint: Host] = [:]
        var isShutDown = false
        var nextID = 0
    }

    private let state = Mutex(State())
    private let limits: ClientLimits

    init(limits: ClientLimits) {
        self.limits = limits
    }

    /// An idle connection, a new slot, or the next one released within `timeout`.
    func acquire(_ endpoint: Endpoint, timeout: Duration) async -> Grant {
        await withCheckedContinuation { continuation in
            let (grant, expired) = state.withLock { state -> (Grant?, [Connection]) in
                let expired = Self.removeExpired(&state, idleTimeout: limits.idleConnectionTimeout)
                guard !state.isShutDown else { return (.fail(.notSent(.shutDown)), expired) }
                state.nextID += 1
                let id = state.nextID
                var host = state.hosts[endpoint, default: Host()]
                defer { state.hosts[endpoint] = host }
                if let connection = host.idle.popLast() { return (.reuse(connection), expired) }
                if host.open < limits.connectionsPerHostMax {
                    host.open += 1
                    return (.create(Connection(endpoint: endpoint, serial: id)), expired)
                }
                host.waiters.append(Waiter(id: id, continuation: continuation, timer: startTimer(endpoint, id, timeout)))
                return (nil, expired)
            }
            for connection in expired { connection.close() }
            if let grant { continuation.resume(returning: grant) }
        }
    }

    /// Returns a leased connection: kept for reuse only when its last response allowed it.
    func release(_ connection: Connection, isReusable: Bool) {
        let endpoint = connection.endpoint
        let (waiter, grant, closes) = state.withLock { state -> (Waiter?, Grant?, Bool) in
            var host = state.hosts[endpoint, default: Host()]
            defer { state.hosts[endpoint] = host }
            let keeps = isReusable && !state.isShutDown
            if !keeps { host.open -= 1 }
            guard !host.waiters.isEmpty else {
                if keeps {
                    connection.idleSince = .now
                    host.idle.append(connection)
                }
                return (nil, nil, !keeps)
            }
            let waiter = host.waiters.removeFirst()
            if keeps { return (waiter, .reuse(connection), false) }
            host.open += 1
            state.nextID += 1
            return (waiter, .create(Connection(endpoint: endpoint, serial: state.nextID)), true)
        }
        if closes { connection.close() }
        if let waiter, let grant {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: grant)
        }
    }

    /// Refuses new work, fails waiters, and closes idle connections, waiting for their threads.
    /// Leased connections close when they are released.
    func shutdown() async {
        let (waiters, idle) = state.withLock { state -> ([Waiter], [Connection]) in
            state.isShutDown = true
            var waiters: [Waiter] = []
            var idle: [Connection] = []
            for (endpoint, var host) in state.hosts {
                waiters += host.waiters
                idle += host.idle
                host.open -= host.idle.count
                host.waiters = []
                host.idle = []
                state.hosts[endpoint] = host
            }
            return (waiters, idle)
        }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: .fail(.notSent(.shutDown)))
        }
        for connection in idle {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                connection.close(onExit: { done.resume() })
            }
        }
    }

    /// Idle connections unused past `idleTimeout`, removed from every host.
    private static func removeExpired(_ state: inout State, idleTimeout: Duration) -> [Connection] {
        let cutoff = ContinuousClock.now - idleTimeout
        var expired: [Connection] = []
        for (endpoint, var host) in state.hosts where host.idle.contains(where: { $0.idleSince < cutoff }) {
            expired += host.idle.filter { $0.idleSince < cutoff }
            host.idle.removeAll { $0.idleSince < cutoff }
            state.hosts[endpoint] = host
        }
        for connection in expired { state.hosts[connection.endpoint]?.open -= 1 }
        return expired
    }

    private func startTimer(_ endpoint: Endpoint, _ id: Int, _ timeout: Duration) -> Task<Void, Never> {
        Task { [weak self] in
            do {
                try await Task.sleep(for: timeout)
            } catch {
                return  // Cancelled: the waiter was served.
            }
            self?.abandon(endpoint, id)
        }
    }

    private func abandon(_ endpoint: Endpoint, _ id: Int) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.hosts[endpoint]?.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.hosts[endpoint]?.waiters.remove(at: index)
        }
        waiter?.continuation.resume(returning: .fail(.notSent(.poolExhausted)))
    }
}
