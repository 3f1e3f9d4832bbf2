/// A parsed request body (RFC 8259). Numbers keep no value: the API takes amounts as decimal
/// strings and refuses a number wherever it reads one, so none is ever converted.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number
    case string(String)
    case array([JSONValue])
    /// A member named twice keeps its last value.
    case object([String: JSONValue])
}

/// Why a body is not JSON, with the byte offset where reading stopped.
struct JSONSyntaxError: Error, Equatable {
    let offset: Int
    let message: String
}
