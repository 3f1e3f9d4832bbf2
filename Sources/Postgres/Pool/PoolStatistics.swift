/// A snapshot of the pool, for metrics and readiness checks.
public struct PoolStatistics: Sendable, Equatable {
    /// Connections the pool holds (open or being opened).
    public var size: Int
    /// Connections lent to callers right now.
    public var inUse: Int
    /// Connections open and free.
    public var idle: Int
    /// Callers waiting for a connection.
    public var waiting: Int

    /// Makes a snapshot.
    public init(size: Int, inUse: Int, idle: Int, waiting: Int) {
        self.size = size
        self.inUse = inUse
        self.idle = idle
        self.waiting = waiting
    }
}
