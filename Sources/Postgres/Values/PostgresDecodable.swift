import CLibPQ

/// A Swift type a column can be read as. Results arrive in PostgreSQL's text format.
///
/// Implementers parse the server's text output for the types they accept and return nil for
/// anything else; they say what SQL NULL becomes through `nullValue` (nil: NULL is an error).
public protocol PostgresDecodable {
    /// The value for SQL NULL, or nil when this type cannot represent NULL.
    static var nullValue: Self? { get }
    /// Parses a column's text form; nil when the text is not a valid value of this type.
    init?(postgresText text: String)
}

extension PostgresDecodable {
    /// Non-optional types cannot hold NULL.
    public static var nullValue: Self? { nil }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// NULL decodes as nil.
    public static var nullValue: Wrapped?? { .some(nil) }
    /// Decodes the wrapped type.
    public init?(postgresText text: String) {
        guard let value = Wrapped(postgresText: text) else { return nil }
        self = .some(value)
    }
}

extension String: PostgresDecodable {
    /// Any column's text form; `numeric` columns are read this way to keep every digit.
    public init?(postgresText text: String) { self = text }
}

extension Int: PostgresDecodable {
    /// A base-10 integer (`int2`, `int4`, `int8`).
    public init?(postgresText text: String) {
        guard let value = decimalInteger(text, as: Int.self) else { return nil }
        self = value
    }
}

extension Int64: PostgresDecodable {
    /// A base-10 integer (`int2`, `int4`, `int8`).
    public init?(postgresText text: String) {
        guard let value = decimalInteger(text, as: Int64.self) else { return nil }
        self = value
    }
}

extension Int32: PostgresDecodable {
    /// A base-10 integer that fits 32 bits.
    public init?(postgresText text: String) {
        guard let value = decimalInteger(text, as: Int32.self) else { return nil }
        self = value
    }
}

/// An optional sign and base-10 digits, as the server writes integers; nil for anything else or
/// on overflow. Byte by byte: pages decode several integers a row, and the standard library's
/// `init(_:radix:)` is generic over every string shape.
@usableFromInline
func decimalInteger<T: FixedWidthInteger & SignedInteger>(_ text: String, as type: T.Type) -> T? {
    var utf8 = text.utf8[...]
    let isNegative = utf8.first == UInt8(ascii: "-")
    if isNegative || utf8.first == UInt8(ascii: "+") { utf8 = utf8.dropFirst() }
    guard !utf8.isEmpty else { return nil }
    var value: T = 0
    for byte in utf8 {
        let digit = byte &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        // Accumulated negatively so that T.min fits.
        let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
        let (next, overflowAdd) = shifted.subtractingReportingOverflow(T(digit))
        guard !overflowShift, !overflowAdd else { return nil }
        value = next
    }
    if isNegative { return value }
    let (positive, overflow) = (0 as T).subtractingReportingOverflow(value)
    return overflow ? nil : positive
}

extension Bool: PostgresDecodable {
    /// PostgreSQL's `t` or `f`.
    public init?(postgresText text: String) {
        switch text {
        case "t": self = true
        case "f": self = false
        default: return nil
        }
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// A `bytea` column in hex (`\x...`) or escape output format.
    public init?(postgresText text: String) {
        var length = 0
        guard let raw = PQunescapeBytea(text, &length) else { return nil }
        defer { PQfreemem(raw) }
        self = Array(UnsafeBufferPointer(start: raw, count: length))
    }
}
