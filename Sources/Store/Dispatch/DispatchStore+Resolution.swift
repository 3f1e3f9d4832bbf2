import Payouts
import Postgres

/// What a person established about a payout in review, with the provider, outside the gateway.
public enum Resolution: Sendable, Hashable {
    /// Attempt `attempt` paid the beneficiary (`providerTransactionID`: the provider's id, if
    /// known; `fee`: what the provider charged, if anything). Every other attempt that may have
    /// moved money must be named in `unpaid`: the person found it did not pay.
    case paid(attempt: Int, providerTransactionID: String?, fee: Money?, unpaid: Set<Int>)
    /// No attempt paid.
    case notPaid
}

/// What resolving came to.
public enum ResolveOutcome: Sendable {
    case resolved(StoredPayout)
    case notFound
    /// Only a payout in `needs_review` is resolved by a person; the others by their providers.
    case notInReview(PayoutStatus)
    /// The payout has no attempt with that number.
    case noSuchAttempt
    /// The attempt named as paying never reached its transfer (an inquiry only).
    case attemptCannotHavePaid
    /// Attempts other than the paying one may have moved money (open, or reported paid, even after
    /// a refusal) and were not named as unpaid: closing them on the word "attempt N paid" could
    /// hide a second payment.
    case attemptsOpen([Int])
    /// "Not paid", but these attempts are recorded as paid by their providers (or were reported
    /// paid after a refusal): only "paid" by one of them (the others named unpaid) ends such a payout.
    case attemptsRecordedPaid([Int])
}

extension DispatchStore {
    /// Ends a payout in review as a person found it, in one transaction: attempts, ledger (the
    /// hold posted from the paying attempt's provider, or voided), status, event and webhook.
    /// Under the request's Idempotency-Key; `answer` renders the stored answer. A provider's later
    /// word that disagrees is recorded as a conflict, as for any final payout.
    public func resolve(payoutID: String, as resolution: Resolution, note: String, actor: String,
                        idempotency: IdempotencyClaim,
                        answer: @escaping @Sendable (StoredPayout) -> [UInt8]) async throws -> IdempotentOutcome<ResolveOutcome> {
        let directory = directory
        let render = render
        let ledger = ledger
        return try await pool.withTransaction(genericPlans: true) { connection in
            try IdempotentWrite.run(idempotency, on: connection) { connection in
                guard let status = try Self.lockPayout(payoutID, on: connection) else { return (.notFound, nil) }
                guard status == .needsReview else { return (.notInReview(status), nil) }
                let attempts = try connection.query(
                    "SELECT \(Self.attemptColumns) FROM payout_attempts WHERE payout_id = $1 ORDER BY number", [.text(payoutID)])
                    .map(Self.attempt)
                // Refused, then reported paid by its provider: it may have moved money too.
                let reportedPaid = try Self.attemptsReportedPaidAfterFailure(attempts, payoutID: payoutID, on: connection)
                let row: PostgresRow
                switch resolution {
                case .paid(let number, let transaction, let givenFee, let unpaid):
                    guard let paid = attempts.first(where: { $0.number == number }) else { return (.noSuchAttempt, nil) }
                    guard paid.state != .inquiring else { return (.attemptCannotHavePaid, nil) }
                    // Open ones may have moved money; succeeded ones say they did.
                    let open = attempts.filter { $0.number != number && (Self.mayHavePaid($0) || reportedPaid.contains($0.number)) }
                        .map(\.number).filter { !unpaid.contains($0) }
                    guard open.isEmpty else { return (.attemptsOpen(open), nil) }
                    try Self.closeOpenAttempts(of: payoutID, except: number, alsoSucceeded: unpaid,
                                               note: "attempt \(number) paid, per \(actor)", on: connection)
                    // The fee the provider reported stands unless the person gives one.
                    let fee: Int64? = try connection.query("""
                        UPDATE payout_attempts SET state = 'succeeded', failure = NULL, fee = coalesce($4::bigint, fee),
                            provider_transaction_id = coalesce($3, provider_transaction_id), updated_at = now()
                        WHERE payout_id = $1 AND number = $2::int RETURNING fee
                        """, [.text(payoutID), .integer(Int64(number)), PostgresValue(transaction),
                              PostgresValue(givenFee?.rupiah)])[0].decode(0)
                    // The hold is reserved on the last attempt's provider; the money left another's.
                    if try ledger.payoutHold(of: payoutID, on: connection)?.route?.provider != paid.provider.rawValue {
                        try ledger.moveHold(payout: payoutID, to: paid.provider.rawValue,
                                            id: "\(payoutID):route:\(number):resolved", on: connection)
                    }
                    try ledger.post(holdOf: payoutID, fee: fee ?? 0, feeJournalID: "\(payoutID):fee", on: connection)
                    row = try connection.query("""
                        UPDATE payouts SET status = 'succeeded', failure = NULL, provider = $2, clearing = $3, updated_at = now()
                        WHERE id = $1 RETURNING \(PayoutRecord.columns)
                        """, [.text(payoutID), .text(paid.provider.rawValue), .text(paid.clearing.rawValue)])[0]
                    try connection.execute("DELETE FROM outbox WHERE payout_id = $1", [.text(payoutID)])
                    try Self.event(payoutID, .succeeded, actor: actor,
                                   detail: "resolved: attempt \(number) via \(paid.provider.rawValue) paid; \(note)", on: connection)
                    try Self.announce("payout.succeeded", row, directory: directory, render: render, on: connection)
                case .notPaid:
                    let recordedPaid = attempts.filter { $0.state == .succeeded || reportedPaid.contains($0.number) }.map(\.number)
                    guard recordedPaid.isEmpty else { return (.attemptsRecordedPaid(recordedPaid), nil) }
                    try Self.closeOpenAttempts(of: payoutID, except: nil, alsoSucceeded: [], note: "no attempt paid, per \(actor)",
                                               on: connection)
                    let failure = PayoutFailure(code: .resolvedByOperator, message: note, isRetryable: false).storable
                    row = try Self.finishFailed(payoutID, failure: failure, actor: actor, directory: directory, render: render,
                                                ledger: ledger, on: connection)
                }
                let stored = try PayoutRecord.payout(row, directory: directory)
                return (.resolved(stored), (200, answer(stored)))
            }
        }
    }

    /// Whether an attempt may have moved money or says it did: one that reached its transfer and
    /// has no final answer, or one its provider reported paid.
    static func mayHavePaid(_ attempt: AttemptRecord) -> Bool {
        (attempt.state.isOpen && attempt.state != .inquiring) || attempt.state == .succeeded
    }

    /// Every attempt still open, but `except`, becomes failed, and so does every succeeded one in
    /// `alsoSucceeded` (found by the person not to have paid): the person's finding is the last
    /// word on each, and no status check is made for it any more.
    static func closeOpenAttempts(of payoutID: String, except number: Int?, alsoSucceeded: Set<Int>, note: String,
                                  on connection: PostgresConnection) throws {
        let failure = PayoutFailure(code: .resolvedByOperator, message: note, isRetryable: false)
        try connection.execute("""
            UPDATE payout_attempts SET state = 'failed', failure = $3::jsonb, updated_at = now()
            WHERE payout_id = $1 AND number IS DISTINCT FROM $2::int
              AND (state NOT IN ('failed', 'succeeded') OR (state = 'succeeded' AND number = ANY($4::bigint[])))
            """, [.text(payoutID), PostgresValue(number.map(Int64.init)), .text(FlatJSON.encode(failure)),
                  .text(ArrayLiteral.bigint(alsoSucceeded.sorted().map(Int64.init)))])
    }
}
