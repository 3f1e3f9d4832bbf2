/// One result row: values in the server's text format, read by column index or name.
public struct PostgresRow: Sendable {
    /// The column names, in order; shared by all rows of a result.
    public let columns: [String]
    /// The raw text values, nil for NULL.
    public let values: [String?]

    /// Makes a row; `values` must have one entry per column.
    public init(columns: [String], values: [String?]) {
        precondition(columns.count == values.count, "one value per column")
        self.columns = columns
        self.values = values
    }

    /// Reads the column at `column` (0-based). Optional types read NULL as nil; other types
    /// throw a decode error naming the column. Errors never contain the value itself.
    @inlinable  // specialised in the caller: rows are read in hot loops
    public func decode<T: PostgresDecodable>(_ column: Int, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard values.indices.contains(column) else {
            throw .decode("column index \(column) is out of range; the row has \(values.count) columns")
        }
        let name = columns[column]
        guard let text = values[column] else {
            guard let null = T.nullValue else {
                throw .decode("column \"\(name)\" is NULL; decode it as \(T.self)? instead")
            }
            return null
        }
        guard let value = T(postgresText: text) else {
            throw .decode("column \"\(name)\" cannot be read as \(T.self)")
        }
        return value
    }

    /// Reads the first column named `column`.
    @inlinable
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let index = columns.firstIndex(of: column) else {
            throw .decode("the row has no column \"\(column)\"")
        }
        return try decode(index, as: type)
    }
}
