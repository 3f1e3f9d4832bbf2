import Threads

/// A dedicated thread that owns one connection and runs jobs on it, one at a time, in order.
///
/// libpq calls block, so they run here rather than on the caller's executor. The connection
/// lives in the thread's own loop and is handed to each job, so it never crosses threads.
///
/// `@unchecked Sendable`: `jobs`, `isStopping`, `exitHandlers` and `hasExited` are read and
/// written only while `condition` is locked; everything else is immutable.
final class Worker: @unchecked Sendable {
    /// A job receives the thread's connection slot (nil until opened or after it broke).
    typealias Job = @Sendable (inout PostgresConnection?) -> Void

    private let condition = Condition()
    private var jobs: [Job] = []
    private var isStopping = false
    private var exitHandlers: [@Sendable () -> Void] = []
    private var hasExited = false

    init(name: String) {
        // libpq and our jobs need little stack; 512 KiB leaves room for deep decoding.
        DetachedThread.start(name: name, stackBytes: 512 * 1024) { [self] in loop() }
    }

    /// Queues a job; false when the worker is stopping and will not run it.
    @discardableResult
    func submit(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isStopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Lets queued jobs finish, closes the connection and ends the thread; `onExit` runs last, on the thread.
    func stop(onExit: (@Sendable () -> Void)? = nil) {
        condition.lock()
        isStopping = true
        // A second stop after the thread ended must still hear back.
        let runNow = hasExited
        if let onExit, !runNow { exitHandlers.append(onExit) }
        condition.signal()
        condition.unlock()
        if runNow { onExit?() }
    }

    /// Stops and waits until the connection is closed.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            stop(onExit: { continuation.resume() })
        }
    }

    private func loop() {
        var connection: PostgresConnection?
        while let job = next() {
            job(&connection)
        }
        connection?.close()
        connection = nil
        condition.lock()
        hasExited = true
        let handlers = exitHandlers
        exitHandlers = []
        condition.unlock()
        handlers.forEach { $0() }
    }

    /// The next job, waiting for one; nil once stopping and the queue is empty.
    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !isStopping {
            condition.wait()
        }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
