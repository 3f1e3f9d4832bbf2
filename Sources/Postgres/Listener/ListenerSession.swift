import CLibPQ
import Synchronization
import Threads

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The listener's thread and what it shares with other threads: subscribers and a stop flag
/// behind a mutex, plus a pipe whose read end wakes `poll` when `stop` is called.
final class ListenerSession: Sendable {
    private struct Shared {
        var subscribers: [Int: AsyncStream<PostgresNotification>.Continuation] = [:]
        var lastID = 0
        var isStopped = false
    }

    private let configuration: PostgresConfiguration
    private let channels: [String]
    private let shared = Mutex(Shared())
    private let wakeRead: Int32
    private let wakeWrite: Int32

    init(configuration: PostgresConfiguration, channels: [String]) {
        self.configuration = configuration
        self.channels = channels
        var fds: [Int32] = [-1, -1]
        precondition(pipe(&fds) == 0, "cannot create the listener's wake-up pipe")
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    func start() {
        DetachedThread.start(name: "postgres-listener") { [self] in run() }
    }

    func subscribe() -> AsyncStream<PostgresNotification> {
        let (stream, continuation) = AsyncStream<PostgresNotification>.makeStream()
        let accepted = shared.withLock { shared -> Int? in
            guard !shared.isStopped else { return nil }
            shared.lastID += 1
            shared.subscribers[shared.lastID] = continuation
            return shared.lastID
        }
        guard let id = accepted else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.shared.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    func stop() {
        let subscribers = shared.withLock { shared -> [AsyncStream<PostgresNotification>.Continuation] in
            guard !shared.isStopped else { return [] }
            shared.isStopped = true
            // Written under the lock: the thread closes the pipe only after seeing isStopped under it.
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
            defer { shared.subscribers = [:] }
            return Array(shared.subscribers.values)
        }
        subscribers.forEach { $0.finish() }
    }

    private var isStopped: Bool {
        shared.withLock { $0.isStopped }
    }

    /// Connect, LISTEN, wait for notifications; on any failure wait a little and start over.
    private func run() {
        var backoffMilliseconds: Int32 = 100
        while !isStopped {
            if let connection = connectAndListen() {
                backoffMilliseconds = 100
                receive(on: connection)
                connection.close()
            } else {
                sleepUnlessWoken(milliseconds: backoffMilliseconds)
                backoffMilliseconds = min(backoffMilliseconds * 2, 5_000)
            }
        }
        shared.withLock { _ in
            close(wakeRead)
            close(wakeWrite)
        }
    }

    private func connectAndListen() -> PostgresConnection? {
        guard let connection = try? PostgresConnection.connect(configuration, connectTimeout: .seconds(5)) else {
            return nil
        }
        // One script so the LISTENs take effect together.
        let script = channels.map { "LISTEN \(Self.quotedIdentifier($0))" }.joined(separator: "; ")
        guard (try? connection.executeScript(script)) != nil else {
            connection.close()
            return nil
        }
        return connection
    }

    /// Returns when the connection breaks or the listener stops.
    private func receive(on connection: PostgresConnection) {
        guard let handle = connection.handle else { return }
        var descriptors = [
            pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            deliver(from: handle)
            guard PQstatus(handle) == CONNECTION_OK else { return }
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0, descriptors[1].revents == 0 else { return }
            guard PQconsumeInput(handle) == 1 else { return }
        }
    }

    private func deliver(from handle: OpaquePointer) {
        while let notify = PQnotifies(handle) {
            let notification = PostgresNotification(
                channel: String(cString: notify.pointee.relname),
                payload: String(cString: notify.pointee.extra))
            PQfreemem(notify)
            let subscribers = shared.withLock { Array($0.subscribers.values) }
            subscribers.forEach { $0.yield(notification) }
        }
    }

    private func sleepUnlessWoken(milliseconds: Int32) {
        var descriptor = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, milliseconds)
    }

    /// A double-quoted identifier (PostgreSQL docs §4.1.1): channel names keep their case and
    /// cannot break out of the LISTEN statement.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}
