/// A query parameter. Parameters travel separately from the SQL text (`$1`, `$2`, ...), so a
/// value is never interpreted as SQL.
///
/// Text, integers and booleans are sent in text format with no declared type, so the server
/// infers the type from context as it would for a quoted literal (a text value can fill a
/// `numeric`, `uuid` or `timestamptz` column). Where the context is ambiguous, cast in SQL:
/// `$1::bigint`. Bytes are sent in binary format declared as `bytea`.
public enum PostgresValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    /// SQL NULL.
    case null
    /// A text value.
    case text(String)
    /// A 64-bit integer.
    case integer(Int64)
    /// A boolean.
    case boolean(Bool)
    /// Raw bytes for a `bytea` column.
    case bytes([UInt8])

    /// A text value, or NULL for nil.
    public init(_ value: String?) { self = value.map(PostgresValue.text) ?? .null }
    /// An integer, or NULL for nil.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// An integer, or NULL for nil.
    public init(_ value: Int64?) { self = value.map(PostgresValue.integer) ?? .null }
    /// An integer, or NULL for nil.
    public init(_ value: Int32?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// A boolean, or NULL for nil.
    public init(_ value: Bool?) { self = value.map(PostgresValue.boolean) ?? .null }
    /// Bytes for `bytea`, or NULL for nil.
    public init(_ value: [UInt8]?) { self = value.map(PostgresValue.bytes) ?? .null }

    /// A text literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// An integer literal.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean literal.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    /// `nil` as SQL NULL.
    public init(nilLiteral: ()) { self = .null }
}

extension PostgresValue {
    /// The bytes libpq sends for this parameter, nil for NULL.
    var wireBytes: [UInt8]? {
        switch self {
        case .null: nil
        case .text(let text): Array(text.utf8)
        case .integer(let integer): Array(String(integer).utf8)
        case .boolean(let boolean): Array((boolean ? "t" : "f").utf8)
        case .bytes(let bytes): bytes
        }
    }

    /// Whether this parameter is sent in binary format (libpq `paramFormats` 1).
    var isBinary: Bool {
        if case .bytes = self { return true }
        return false
    }

    /// The declared type OID: 17 (`bytea`) for bytes, 0 (let the server infer) otherwise.
    var typeOID: UInt32 { isBinary ? 17 : 0 }

    /// The text form, used only to redact values from server messages.
    var redactionText: String? {
        switch self {
        case .null, .bytes: nil
        case .text(let text): text
        case .integer(let integer): String(integer)
        case .boolean(let boolean): boolean ? "t" : "f"
        }
    }
}
