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
