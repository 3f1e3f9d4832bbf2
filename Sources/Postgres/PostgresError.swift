/// An error from the database client: a server error with its SQLSTATE, a lost or refused
/// connection, an exhausted or closed pool, a bad configuration or a value that could not be decoded.
///
/// `description` is safe to log: it never holds SQL text or parameter values, and the server
/// fields kept here have quoted parameter values and key values redacted.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, coarsely, for callers that branch on it.
    public enum Kind: String, Sendable, Hashable {
        /// A connection could not be opened.
        case connectionFailed
        /// The connection broke while in use; a statement may or may not have run.
        case connectionLost
        /// No connection became free within `PoolLimits.acquireTimeout`.
        case poolTimeout
        /// The pool was shut down.
        case poolClosed
        /// The server rejected a statement; see `sqlState`.
        case server
        /// A column could not be read as the requested type.
        case decode
        /// The configuration or URL is malformed.
        case invalidConfiguration
        /// The server or libpq answered in a way this client does not handle (for example COPY).
        case protocolViolation
    }

    /// What went wrong, coarsely.
    public var kind: Kind
    /// The SQLSTATE code of a server error, such as "23505" for a unique violation.
    public var sqlState: String?
    /// The server's primary message or our own explanation; never holds parameter values.
    public var message: String
    /// The constraint a server error names, such as the unique index that was violated.
    public var constraint: String?
    /// The server's detail line, with key values redacted; only shown by `debugDescription`.
    public var detail: String?
    /// The server's hint line; only shown by `debugDescription`.
    public var hint: String?

    /// Makes an error; server errors usually come from a failed result instead.
    public init(
        kind: Kind, message: String, sqlState: String? = nil,
        constraint: String? = nil, detail: String? = nil, hint: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.constraint = constraint
        self.detail = detail
        self.hint = hint
    }

    /// Kind, SQLSTATE and message: safe for logs and problem details.
    public var description: String {
        if let sqlState {
            return "PostgresError.\(kind.rawValue) [\(sqlState)]: \(message)"
        }
        return "PostgresError.\(kind.rawValue): \(message)"
    }

    /// The description plus constraint, detail and hint, for operators.
    public var debugDescription: String {
        var text = description
        if let constraint { text += "; constraint: \(constraint)" }
        if let detail { text += "; detail: \(detail)" }
        if let hint { text += "; hint: \(hint)" }
        return text
    }
}

extension PostgresError {
    /// True when the database was unreachable, busy or slow rather than the statement wrong:
    /// no connection, a lost one, an exhausted or closed pool, or a server error of the kinds
    /// that go away on a later try (a statement or lock timeout, a serialization failure or
    /// deadlock, too many connections, a server shutting down or starting). A statement that
    /// was sent when the connection broke may or may not have run.
    public var isTransient: Bool {
        switch kind {
        case .connectionFailed, .connectionLost, .poolTimeout, .poolClosed:
            return true
        case .server:
            guard let sqlState else { return false }
            return Self.transientStates.contains(sqlState) || sqlState.hasPrefix("08") || sqlState.hasPrefix("53")
        case .decode, .invalidConfiguration, .protocolViolation:
            return false
        }
    }

    /// query_canceled (statement_timeout), lock_not_available, serialization_failure,
    /// deadlock_detected, admin_shutdown, crash_shutdown, cannot_connect_now.
    static let transientStates: Set<String> = ["57014", "55P03", "40001", "40P01", "57P01", "57P02", "57P03"]

    @usableFromInline
    static func decode(_ message: String) -> PostgresError {
        PostgresError(kind: .decode, message: message)
    }

    static func configuration(_ message: String) -> PostgresError {
        PostgresError(kind: .invalidConfiguration, message: "database configuration: \(message)")
    }
}
