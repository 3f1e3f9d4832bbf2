/// One NOTIFY received by a listener.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public var channel: String
    /// The payload text, empty when none was given.
    public var payload: String

    /// Makes a notification.
    public init(channel: String, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}
