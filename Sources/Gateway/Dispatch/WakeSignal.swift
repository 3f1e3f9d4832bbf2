import Synchronization

/// Parks idle workers. `signal()` wakes one (a NOTIFY for one new job must not send every
/// worker to the database); `signalAll()` wakes everyone, for the polling tick and shutdown.
final class WakeSignal: Sendable {
    private struct State {
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// Signals that found nobody waiting, so a worker about to wait does not miss them.
        var permits = 0
        /// After `close()` nobody waits again: stopping workers must not park on their way out.
        var isClosed = false
    }

    private let state = Mutex(State())
    private let permitsMax: Int

    init(permitsMax: Int) { self.permitsMax = max(1, permitsMax) }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.isClosed { return true }
                if state.permits > 0 {
                    state.permits -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.permits = min(state.permits + 1, permitsMax)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume()
    }

    /// Wakes everyone now and every later `wait()` at once.
    func close() {
        state.withLock { $0.isClosed = true }
        signalAll()
    }

    func signalAll() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
