import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One open libpq connection. It is lent to a closure that runs on the connection's own worker
/// thread, and every call blocks that thread, never an event loop. It is not `Sendable`, so it
/// cannot leave the closure.
public final class PostgresConnection {
    /// The libpq handle; nil once closed.
    private(set) var handle: OpaquePointer?
    /// Statements this connection has prepared, by SQL text and parameter formats (see `run`).
    var preparedStatements: [PreparedStatementKey: String] = [:]

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Opens a connection, blocking for at most `connectTimeout` (unless the configuration sets
    /// `connect_timeout` itself).
    static func connect(
        _ configuration: PostgresConfiguration, connectTimeout: Duration
    ) throws(PostgresError) -> PostgresConnection {
        let parameters = effectiveParameters(configuration, connectTimeout: connectTimeout)
        let keys = parameters.keys.map { strdup($0) }
        let values = parameters.keys.map { strdup(parameters[$0]!) }
        defer { (keys + values).forEach { free($0) } }
        // expand_dbname 0: a dbname that looks like a connection string stays a name.
        guard let handle = PQconnectdbParams(
            (keys + [nil]).map { $0.map { UnsafePointer($0) } },
            (values + [nil]).map { $0.map { UnsafePointer($0) } }, 0)
        else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = errorMessage(of: handle)
            PQfinish(handle)
            throw PostgresError(kind: .connectionFailed, message: message)
        }
        // Without this libpq prints every NOTICE (such as "relation already exists, skipping") to stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        return PostgresConnection(handle: handle)
    }

    /// The configuration's parameters plus defaults for what it leaves unset: the connect timeout,
    /// and for TCP, keepalive probes and a limit on unacknowledged data. Without them a server
    /// that vanishes from the network (a failover, a dropped NAT entry) leaves a worker blocked
    /// on its socket for as long as the kernel keeps the connection, hours by default; with them
    /// the connection fails within about a minute and the pool opens a new one.
    static func effectiveParameters(
        _ configuration: PostgresConfiguration, connectTimeout: Duration
    ) -> [String: String] {
        var parameters = configuration.parameters
        if parameters["connect_timeout"] == nil {
            parameters["connect_timeout"] = String(wholeSeconds(connectTimeout))
        }
        // libpq ignores these on a Unix-domain socket.
        for (keyword, value) in tcpDefaults where parameters[keyword] == nil {
            parameters[keyword] = value
        }
        return parameters
    }

    /// Probe after 30 s of silence, every 10 s, give up after 3 unanswered; and fail a write the
    /// server has not acknowledged within 60 s.
    static let tcpDefaults = [
        "keepalives": "1", "keepalives_idle": "30", "keepalives_interval": "10", "keepalives_count": "3",
        "tcp_user_timeout": "60000",
    ]

    /// Sets the session's `statement_timeout` (whole milliseconds, rounded up; zero turns it off).
    public func setStatementTimeout(_ timeout: Duration) throws(PostgresError) {
        try execute("SELECT set_config('statement_timeout', $1, false)", [.text("\(Self.wholeMilliseconds(timeout))ms")])
    }

    /// The session's `statement_timeout` as the server shows it, such as `30s` or `0`.
    public func statementTimeout() throws(PostgresError) -> String {
        try query("SELECT current_setting('statement_timeout')")[0].decode(0)
    }

    /// Runs one statement with parameters via `PQexecParams` and returns its rows.
    /// Values are sent apart from the SQL text and are never interpolated into it.
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> [PostgresRow] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Self.rows(of: result)
    }

    /// Runs one statement with parameters and returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> Int {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs a script of one or more statements with no parameters (simple query protocol), as
    /// migrations need. Statements run in order and stop at the first error.
    public func executeScript(_ sql: String) throws(PostgresError) {
        let handle = try openHandle()
        PQclear(try check(PQexec(handle, sql), parameters: []))
    }

    /// The server process serving this connection, as `pg_backend_pid()` reports it.
    public var backendProcessID: Int32 {
        handle.map { PQbackendPID($0) } ?? 0
    }

    /// Closes the connection; later calls throw `.connectionLost`.
    func close() {
        if let handle {
            PQfinish(handle)
            self.handle = nil
        }
    }

    func openHandle() throws(PostgresError) -> OpaquePointer {
        guard let handle else {
            throw PostgresError(kind: .connectionLost, message: "the connection is closed")
        }
        return handle
    }

    static func errorMessage(of handle: OpaquePointer) -> String {
        String(cString: PQerrorMessage(handle))
            .split(whereSeparator: \.isNewline)
            .joined(separator: " ")
    }

    private static func wholeMilliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let perMillisecond: Int64 = 1_000_000_000_000_000
        return seconds * 1000 + attoseconds / perMillisecond + (attoseconds % perMillisecond > 0 ? 1 : 0)
    }

    private static func wholeSeconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds + (attoseconds > 0 ? 1 : 0))
    }
}

/// A statement as prepared: its text and the parameter types declared with it.
struct PreparedStatementKey: Hashable {
    let sql: String
    let types: [Oid]
}

@available(*, unavailable, message: "a connection belongs to its worker thread")
extension PostgresConnection: Sendable {}
