/// A parsed JSON document (RFC 8259), kept close to the text: numbers stay as their digits so
/// that money is never read through a floating-point type, and objects keep their key order.
enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. "2500" or "1e3".
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"key": value` pair.
    struct Member: Hashable, Sendable {
        let key: String
        let value: JSONValue
    }

    /// How problems name the kind of value that was found.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Why a document is not JSON, with the byte offset where reading stopped.
struct JSONSyntaxError: Error, Hashable {
    let offset: Int
    let message: String
}
