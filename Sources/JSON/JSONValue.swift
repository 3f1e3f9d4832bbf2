/// A parsed JSON document (RFC 8259), kept close to the text: numbers stay as their digits so
/// that money is never read through a floating-point type, and objects keep their members in
/// order, a name given twice included (readers decide; request bodies keep the last).
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. "2500" or "1e3".
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"key": value` pair.
    public struct Member: Hashable, Sendable {
        public let key: String
        public let value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// How problems name the kind of value that was found.
    public var kindName: String {
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
public struct JSONSyntaxError: Error, Hashable {
    public let offset: Int
    public let message: String
}
