/// PostgreSQL array literals, sent as one text parameter (`$1::text[]`) so a whole set of rows
/// travels in one statement. Values are quoted and escaped here and parsed by the server as data,
/// never as SQL.
enum ArrayLiteral {
    /// `{"a","b\"c"}`: every element quoted, `"` and `\` escaped (PostgreSQL docs §8.15.6).
    static func text(_ values: [String]) -> String {
        "{" + values.map { value in
            var quoted = "\""
            for character in value {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }

    /// `{1,2,3}`.
    static func bigint(_ values: [Int64]) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }
}

