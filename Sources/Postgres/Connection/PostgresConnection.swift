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
        var parameters = configuration.parameters
        if parameters["connect_timeout"] == nil {
            parameters["connect_timeout"] = String(wholeSeconds(connectTimeout))
        }
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
