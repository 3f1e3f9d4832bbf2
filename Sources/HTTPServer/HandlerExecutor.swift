import Threads

/// The threads async handlers run on. Handlers get their own small pool instead of Swift's
/// shared cooperative one, so code elsewhere in the process that blocks a cooperative thread
/// (a blocking client in a test, a library doing I/O) cannot stall request handling, and the
/// number of handler threads is a stated limit. Event loops never run handler code.
public final class HandlerExecutor: TaskExecutor, @unchecked Sendable {
    // `jobs` and `stopped` are guarded by `condition`.
    private let condition = Condition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopped = false

    public init(threadCount: Int, name: String = "http-handler") {
        precondition(threadCount >= 1)
        for index in 0..<threadCount {
            DetachedThread.start(name: "\(name)-\(index)") { [self] in work() }
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads exit once the queue is empty.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while let job = next() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func next() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count {
            if stopped { return nil }
            condition.wait()
        }
        let job = jobs[head]
        head += 1
        if head > 1024 && head * 2 > jobs.count {
            jobs.removeSubrange(0..<head)
            head = 0
        }
        return job
    }
}
