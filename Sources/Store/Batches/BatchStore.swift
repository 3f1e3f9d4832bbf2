import Payouts
import Postgres

/// Payout batches: create, read, approve and reject. Each is one transaction; create is one
/// round trip whatever the number of payouts.
public struct BatchStore: Sendable {
    let pool: PostgresPool

    /// A store over `pool`; it holds no other state.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The `payout_batch_create` SQL function: idempotency key, batch, payouts, events, holds,
    /// outbox jobs for payouts that need no approval, and the NOTIFY, all or nothing.
    public func create(_ new: NewBatch) async throws -> BatchCreateOutcome {
        let (sql, parameters) = Self.createStatement(new)
        let row = try await pool.withConnection { try $0.query(sql, parameters)[0] }
        switch try row.decode("outcome", as: String.self) {
        case "created": return .created
        case "replay": return .replay(status: try row.decode("response_status"), body: try row.decode("response_body"))
        case "key_reused": return .keyReusedWithDifferentBody
        case "in_progress": return .keyInProgress
        case "duplicate_reference": return .duplicateReference
        case "duplicate_item_reference":
            return .duplicateItemReferences(Self.elements(try row.decode("taken", as: String?.self)))
        case let other: throw StoreError.corruptRow(table: "payout_batch_create", id: other)
        }
    }

    /// The stored answer to a create's key, for a create refused before writing (see `PostgresPool.earlierAnswer`).
    public func earlierAnswer(_ claim: IdempotencyClaim) async throws -> EarlierAnswer? {
        try await pool.earlierAnswer(claim)
    }

    /// The items travel as one array parameter per column.
    static func createStatement(_ new: NewBatch) -> (String, [PostgresValue]) {
        let payouts = new.items.map(\.payout)
        let parameters: [PostgresValue] = [
            .text(new.id), .integer(new.apiKeyID), .text(new.idempotencyKey), .bytes(new.requestHash),
            .bytes(new.responseBody), .text(new.reference), .text(new.approval.rawValue), .text(new.status.rawValue),
            .integer(new.totalAmount?.rupiah ?? 0), .integer(new.createdAt.microsecondsSinceEpoch), .text(new.actor),
            .text(ArrayLiteral.text(payouts.map(\.id))),
            .text(ArrayLiteral.text(payouts.map(\.reference))),
            .text(ArrayLiteral.text(payouts.map(\.status.rawValue))),
            .text(ArrayLiteral.bigint(payouts.map(\.amount.rupiah))),
            .text(ArrayLiteral.text(payouts.map(\.beneficiary.bank.id))),
            .text(ArrayLiteral.text(payouts.map(\.beneficiary.accountNumber))),
            .text(ArrayLiteral.text(payouts.map(\.beneficiary.accountName))),
            .text(ArrayLiteral.nullableText(payouts.map(\.beneficiary.email))),
            .text(ArrayLiteral.nullableText(payouts.map(\.beneficiary.phone))),
            .text(ArrayLiteral.text(payouts.map(\.clearing.rawValue))),
            .text(ArrayLiteral.nullableText(payouts.map { $0.provider?.rawValue })),
            .text(ArrayLiteral.nullableText(payouts.map(\.description))),
            .text(ArrayLiteral.text(payouts.map { FlatJSON.encode($0.metadata) })),
            .text(ArrayLiteral.nullableText(new.items.map(\.routingJSON))),
            .text(ArrayLiteral.nullableBigint(payouts.map { $0.scheduledFor?.microsecondsSinceEpoch })),
            .text(ArrayLiteral.text(new.items.map(\.holdJournalID))),
            .text(ArrayLiteral.boolean(payouts.map(\.validatesAccount))),
            .text(ArrayLiteral.boolean(payouts.map(\.executesImmediately))),
        ]
        return ("""
            SELECT outcome, response_status, CASE WHEN outcome = 'replay' THEN response_body END AS response_body,
                taken::text AS taken FROM payout_batch_create(
                $1, $2::bigint, $3, $4, $5, $6, $7, $8, $9::bigint, $10::bigint, $11,
                $12::text[], $13::text[], $14::text[], $15::bigint[], $16::text[], $17::text[], $18::text[], $19::text[],
                $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::bigint[], $27::text[], $28::boolean[],
                $29::boolean[])
            """, parameters)
    }

    /// The elements of a one-dimensional text array as PostgreSQL prints it. References are
    /// letters, digits and `._:-` only, so no element is ever quoted.
    static func elements(_ array: String?) -> [String] {
        guard let array, array.count > 2 else { return [] }
        return array.dropFirst().dropLast().split(separator: ",").map {
            String($0).trimmingCharacters(in: "\"")
        }
    }
}

private extension String {
    func trimmingCharacters(in quote: Character) -> String {
        var text = Substring(self)
        while text.first == quote { text = text.dropFirst() }
        while text.last == quote { text = text.dropLast() }
        return String(text)
    }
}
