/// The pool's bounds: how many connections, and how long to wait for one.
public struct PoolLimits: Sendable {
    /// The most connections the pool opens; they are opened lazily, on demand.
    public var size: Int = 10
    /// How long a caller waits for a free connection before `.poolTimeout`.
    public var acquireTimeout: Duration = .seconds(5)
    /// How long opening one connection may take (libpq `connect_timeout`, whole seconds, rounded up);
    /// a `connect_timeout` given in the configuration wins.
    public var connectTimeout: Duration = .seconds(5)
    /// The server cancels a statement that runs longer (`statement_timeout`, set on each new
    /// connection; whole milliseconds, rounded up), lock waits included, so a stuck statement
    /// gives its connection back with SQLSTATE 57014 instead of holding it for good. Nil leaves
    /// the server's setting.
    public var statementTimeout: Duration?

    /// Makes limits; `size` must be at least 1.
    public init(size: Int = 10, acquireTimeout: Duration = .seconds(5), connectTimeout: Duration = .seconds(5),
                statementTimeout: Duration? = nil) {
        precondition(size >= 1, "a pool needs at least one connection")
        self.size = size
        self.acquireTimeout = acquireTimeout
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
    }
}
