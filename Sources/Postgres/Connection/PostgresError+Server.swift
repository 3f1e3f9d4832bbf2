import CLibPQ

extension PostgresError {
    /// A `.server` error from a failed result's diagnostic fields (PostgreSQL docs, libpq
    /// `PQresultErrorField`). Parameter values the server quotes back, as in
    /// `invalid input syntax for type integer: "abc"` or a unique violation's
    /// `Key (email)=(a@b.c)` detail, are redacted.
    init(serverResult result: OpaquePointer, parameters: [PostgresValue]) {
        func field(_ code: Unicode.Scalar) -> String? {
            PQresultErrorField(result, diagnosticField(code)).map { String(cString: $0) }
        }
        let secrets = parameters.compactMap(\.redactionText).filter { !$0.isEmpty }
        self.init(
            kind: .server,
            message: Redaction.redact(field("M") ?? "server error", secrets: secrets),
            sqlState: field("C"),
            constraint: field("n"),
            detail: field("D").map { Redaction.redact($0, secrets: secrets) },
            hint: field("H").map { Redaction.redact($0, secrets: secrets) })
    }
}

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
