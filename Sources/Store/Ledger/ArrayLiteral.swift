/// PostgreSQL array literals, sent as one text parameter (`$1::text[]`) so a whole set of rows
/// travels in one statement. Values are quoted and escaped here and parsed by the server as data,
/// never as SQL.
enum ArrayLiteral {
    /// `{"a","b\"c"}`: every element quoted, `"` and `\` escaped (PostgreSQL docs §8.15.6).
    static func text(_ values: [String]) -> String {
        "{" + values.map(quoted).joined(separator: ",") + "}"
    }

    /// Byte by byte: `"` and `\` are ASCII, and batches send megabytes of routing JSON this way.
    private static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(value.utf8.count + 2)
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `{1,2,3}`.
    static func bigint(_ values: [Int64]) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }

    /// As `text`, with nil as an unquoted `NULL` (a quoted "NULL" is the four-letter string).
    static func nullableText(_ values: [String?]) -> String {
        "{" + values.map { $0.map(quoted) ?? "NULL" }.joined(separator: ",") + "}"
    }

    /// `{t,f}`.
    static func boolean(_ values: [Bool]) -> String {
        "{" + values.map { $0 ? "t" : "f" }.joined(separator: ",") + "}"
    }

    /// As `bigint`, with nil as `NULL`.
    static func nullableBigint(_ values: [Int64?]) -> String {
        "{" + values.map { $0.map(String.init) ?? "NULL" }.joined(separator: ",") + "}"
    }
}

