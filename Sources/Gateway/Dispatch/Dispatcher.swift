import Crypto
import Payouts
import Postgres
import Store
import Synchronization

/// The dispatch workers of one process. Any number of processes may run them against one
/// database: jobs are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so each job has one
/// worker at a time, and a job whose worker died is taken up again when its lease ends.
final class Dispatcher: Sendable {
    private let driver: PayoutDriver
    private let store: DispatchStore
    private let settings: DispatchSettings
    private let listener: PostgresListener
    private let wake: WakeSignal
    private let tasks = Mutex<[Task<Void, Never>]>([])
    /// When the polling tick last ran, for readiness: a stuck dispatcher is not ready.
    private let lastTick = Mutex(Timestamp.now())

    init(driver: PayoutDriver, store: DispatchStore, settings: DispatchSettings, database: PostgresConfiguration) {
        self.driver = driver
        self.store = store
        self.settings = settings
        self.listener = PostgresListener(configuration: database, channels: [PayoutStore.outboxChannel])
        self.wake = WakeSignal(permitsMax: settings.workers)
    }

    func start() {
        // Readiness measures from here: the time between construction and start (migrations
        // at start-up, on a slow machine seconds) is not the dispatcher stalling.
        lastTick.withLock { $0 = Timestamp.now() }
        var started: [Task<Void, Never>] = []
        for index in 0..<settings.workers {
            // Each worker's token names this process and worker, so leases in the outbox say who holds them.
            let token = SecureRandom.identifier(prefix: "w\(index)")
            started.append(Task { await self.work(token: token) })
        }
        started.append(Task { [listener, wake] in
            for await _ in listener.notifications() { wake.signal() }
        })
        started.append(Task { await self.tick() })
        tasks.withLock { $0 = started }
    }

    func stop() async {
        let running = tasks.withLock { tasks -> [Task<Void, Never>] in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in running { task.cancel() }
        listener.stop()
        wake.close()
        for task in running { await task.value }
    }

    /// Whether the polling tick ran recently.
    var isRunning: Bool {
        Timestamp.now().microsecondsSinceEpoch - lastTick.withLock { $0 }.microsecondsSinceEpoch
            < (settings.pollInterval * 10).wholeMicroseconds
    }

    private func work(token: String) async {
        while !Task.isCancelled {
            let jobs: [DispatchJob]
            do {
                jobs = try await store.claim(limit: 1, lease: settings.lease, token: token)
            } catch {
                driver.logger.warning("claiming dispatch jobs failed", [("error", .string(String(describing: error)))])
                jobs = []
            }
            if jobs.isEmpty {
                await wake.wait()
                continue
            }
            // Found work: recruit one more worker, so a backlog spreads over the workers
            // while an idle outbox costs one query per tick.
            wake.signal()
            for job in jobs { await driver.drive(job) }
        }
    }

    /// Wakes a worker now and then to pick up jobs that became due without a NOTIFY (it recruits
    /// more if it finds one), and refreshes the review gauge.
    private func tick() async {
        var ticks = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.pollInterval)
            lastTick.withLock { $0 = Timestamp.now() }
            wake.signal()
            ticks += 1
            if ticks % 20 == 1, let count = try? await store.needsReviewCount() { driver.counters.setNeedsReview(count) }
        }
    }
}
