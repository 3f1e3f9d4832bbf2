import Payouts
import Postgres

/// What an approve or reject came to.
public enum BatchDecisionOutcome: Sendable, Equatable {
    /// Decided; the batch as it is now, and how many payouts moved.
    case decided(StoredBatch, payouts: Int)
    /// No batch has the id.
    case notFound
    /// The deciding key created the batch: maker-checker needs a second key.
    case deciderIsCreator
    /// Only a batch awaiting approval can be approved or rejected.
    case notAwaitingApproval(BatchStatus)
}

extension BatchStore {
    /// Approves a batch awaiting approval: its payouts become `pending` (or `scheduled` while
    /// their clearing window is ahead) with outbox jobs, and the dispatchers are woken. Under the
    /// request's Idempotency-Key: a repeat answers as the first did; `render` makes that answer.
    public func approve(id: String, apiKeyID: Int64, actor: String, at time: Timestamp, idempotency: IdempotencyClaim,
                        render: @escaping @Sendable (StoredBatch) -> [UInt8]) async throws -> IdempotentOutcome<BatchDecisionOutcome> {
        try await decide(id: id, apiKeyID: apiKeyID, actor: actor, approve: true, at: time, idempotency: idempotency, render: render)
    }

    /// Rejects a batch awaiting approval: its payouts are cancelled and their holds voided. As `approve`.
    public func reject(id: String, apiKeyID: Int64, actor: String, at time: Timestamp, idempotency: IdempotencyClaim,
                       render: @escaping @Sendable (StoredBatch) -> [UInt8]) async throws -> IdempotentOutcome<BatchDecisionOutcome> {
        try await decide(id: id, apiKeyID: apiKeyID, actor: actor, approve: false, at: time, idempotency: idempotency, render: render)
    }

    private func decide(id: String, apiKeyID: Int64, actor: String, approve: Bool, at time: Timestamp,
                        idempotency: IdempotencyClaim,
                        render: @escaping @Sendable (StoredBatch) -> [UInt8]) async throws -> IdempotentOutcome<BatchDecisionOutcome> {
        try await pool.withTransaction { connection in
            try IdempotentWrite.run(idempotency, on: connection) { connection in
                let row = try connection.query(
                    "SELECT outcome, batch_status, decided FROM payout_batch_decide($1, $2::bigint, $3, $4::boolean, $5::bigint)",
                    [.text(id), .integer(apiKeyID), .text(actor), .boolean(approve), .integer(time.microsecondsSinceEpoch)])[0]
                let status = (try row.decode("batch_status", as: String?.self)).flatMap(BatchStatus.init(rawValue:))
                switch try row.decode("outcome", as: String.self) {
                case "not_found":
                    return (.notFound, nil)
                case "creator":
                    return (.deciderIsCreator, nil)
                case "not_awaiting_approval":
                    guard let status else { throw StoreError.corruptRow(table: "payout_batches", id: id) }
                    return (.notAwaitingApproval(status), nil)
                default:
                    guard let batch = try Self.batch(id: id, on: connection) else {
                        throw StoreError.corruptRow(table: "payout_batches", id: id)
                    }
                    return (.decided(batch, payouts: try row.decode("decided", as: Int.self)), (200, render(batch)))
                }
            }
        }
    }
}
