import HTTPServer
import Synchronization

/// Waits for provider calls no longer than a caller can wait. The calls run on threads of their
/// own, as handlers do, so code that blocks Swift's shared pool cannot stall them (README,
/// Concurrency model).
final class DeadlineRunner: Sendable {
    private let executor: HandlerExecutor

    init(threadCount: Int = 2) {
        executor = HandlerExecutor(threadCount: threadCount, name: "provider-call")
    }

    /// `operation`'s answer, or nil when `limit` passes first. The operation is left to finish on
    /// its own (the HTTP client ignores cancellation; its own deadlines end the call) and its late
    /// answer is dropped.
    func answer<Value: Sendable>(within limit: Duration,
                                 _ operation: @escaping @Sendable () async -> Value) async -> Value? {
        let first = FirstAnswer<Value>()
        let executor = executor
        return await withCheckedContinuation { continuation in
            first.wait(continuation)
            let timer = Task(executorPreference: executor) {
                // Cancelled means the answer came first.
                guard (try? await Task.sleep(for: limit)) != nil else { return }
                first.resume(nil)
            }
            Task(executorPreference: executor) {
                first.resume(await operation())
                timer.cancel()
            }
        }
    }

    /// Lets the threads end once nothing is queued.
    func stop() { executor.stop() }
}

/// Resumes a continuation once, with whichever answer comes first.
private final class FirstAnswer<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value?, Never>?>(nil)

    func wait(_ waiting: CheckedContinuation<Value?, Never>) {
        continuation.withLock { $0 = waiting }
    }

    func resume(_ value: Value?) {
        continuation.withLock { waiting in
            waiting?.resume(returning: value)
            waiting = nil
        }
    }
}
