/// Hides values inside server messages, which quote offending input back.
enum Redaction {
    static let placeholder = "…"

    static func redact(_ text: String, secrets: [String]) -> String {
        var result = redactKeyValues(text)
        for secret in secrets.sorted(by: { $0.count > $1.count }) {
            result = result.replacing("\"\(secret)\"", with: "\"\(placeholder)\"")
            result = result.replacing("'\(secret)'", with: "'\(placeholder)'")
        }
        return result
    }

    /// `Key (a, b)=(1, x)` becomes `Key (a, b)=(…)`: the server's format for key values
    /// in unique, foreign-key and exclusion violations.
    static func redactKeyValues(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let marker = rest.firstRange(of: ")=(") {
            result += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            var depth = 1
            var end = rest.startIndex
            while end < rest.endIndex {
                if rest[end] == "(" { depth += 1 }
                if rest[end] == ")" { depth -= 1; if depth == 0 { break } }
                end = rest.index(after: end)
            }
            result += placeholder
            rest = rest[end...]
        }
        return result + rest
    }
}
