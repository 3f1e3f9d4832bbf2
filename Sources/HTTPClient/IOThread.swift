import Threads

/// A dedicated thread that runs one connection's blocking work, one job at a time, in order.
///
/// Sockets here block (poll with deadlines), so that work runs on this thread rather than on
/// Swift's cooperative pool, where a slow provider would starve every other task. Callers
/// suspend on a continuation that the job resumes.
///
/// `@unchecked Sendable`: `jobs`, `isStopping` and `exitHandlers` are touched only with
/// `condition` locked.
final class IOThread: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let condition = Condition()
    private var jobs: [Job] = []
    private var isStopping = false
    private var hasExited = false
    private var exitHandlers: [@Sendable () -> Void] = []

    init(name: String) {
        // Jobs hold a 64 KiB read buffer on the heap; the stack needs little.
        DetachedThread.start(name: name, stackBytes: 256 * 1024) { [self] in loop() }
    }

    /// Queues a job; false when the thread is stopping and will not run it.
    @discardableResult
    func submit(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isStopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Lets queued jobs finish, then ends the thread; `onExit` runs last.
    func stop(onExit: (@Sendable () -> Void)? = nil) {
        condition.lock()
        isStopping = true
        let runNow = hasExited
        if let onExit, !runNow { exitHandlers.append(onExit) }
        condition.signal()
        condition.unlock()
        if runNow { onExit?() }
    }

    /// Runs `body` on the thread and suspends the caller until it returns.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let accepted = submit { continuation.resume(returning: body()) }
            // Only threads of closed connections are stopped, and those get no more work.
            precondition(accepted, "a stopped I/O thread was given work")
        }
    }

    private func loop() {
        while let job = next() { job() }
        condition.lock()
        hasExited = true
        let handlers = exitHandlers
        exitHandlers = []
        condition.unlock()
        handlers.forEach { $0() }
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !isStopping { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
