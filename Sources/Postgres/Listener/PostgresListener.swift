/// LISTEN/NOTIFY on a dedicated connection (own thread, blocking on the socket with poll() +
/// PQconsumeInput/PQnotifies), reconnecting and re-LISTENing after a lost connection.
///
/// Notifications sent while the connection is down are lost (PostgreSQL queues them only for
/// sessions listening at the time), so treat a notification as a hint to look at the tables,
/// not as the data itself.
public final class PostgresListener: Sendable {
    private let session: ListenerSession

    /// Starts listening on `channels` right away, on a thread of its own.
    public init(configuration: PostgresConfiguration, channels: [String]) {
        precondition(!channels.isEmpty, "listen on at least one channel")
        session = ListenerSession(configuration: configuration, channels: channels)
        session.start()
    }

    deinit {
        session.stop()
    }

    /// A stream of every notification received from now on; it finishes when the listener stops.
    /// Each call makes an independent stream; buffering is unbounded, so keep consuming.
    public func notifications() -> AsyncStream<PostgresNotification> {
        session.subscribe()
    }

    /// Closes the connection, ends the thread and finishes every stream.
    public func stop() {
        session.stop()
    }
}
