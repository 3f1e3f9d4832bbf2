import Payouts
import Postgres

extension DispatchStore {
    /// Records what a provider said about `attempt` (from the submit call, a status check or a
    /// callback). Final states are absorbing: a late `processing` never overwrites `succeeded`,
    /// a repeated callback changes nothing, and news contradicting a final state is refused (a
    /// success after a recorded failure also puts a processing payout in `needs_review`).
    /// `onlyIn`: record only while the attempt is still in that state (read under the lock), for
    /// decisions taken from an earlier read; otherwise `.unchanged`.
    public func record(_ outcome: ProviderOutcome, for attempt: AttemptRecord, actor: String,
                       onlyIn expected: AttemptState? = nil) async throws -> RecordEffect {
        let directory = directory
        let render = render
        let ledger = ledger
        let outcome = outcome.storable
        return try await pool.withTransaction(genericPlans: true) { connection -> RecordEffect in
            // One round trip locks the payout row and then the attempt, the order every writer uses.
            guard let row = try connection.query("""
                      SELECT \(Self.attemptColumns), p.status, p.amount FROM payouts p
                      JOIN payout_attempts ON payout_attempts.payout_id = p.id AND payout_attempts.number = $2::int
                      WHERE p.id = $1 FOR UPDATE
                      """, [.text(attempt.payoutID), .integer(Int64(attempt.number))]).first,
                  let status = PayoutStatus(rawValue: try row.decode(11)) else { return .unknownAttempt }
            let current = try Self.attempt(row)
            if let expected, current.state != expected { return .unchanged }
            let key: [PostgresValue] = [.text(attempt.payoutID), .integer(Int64(attempt.number))]
            switch outcome {
            case .accepted(let transaction), .unknown(_, let transaction):
                guard current.state.isOpen else { return .unchanged }
                let next: AttemptState = if case .accepted = outcome { .processing } else {
                    current.state == .processing ? .processing : .unknown
                }
                try connection.execute("""
                    UPDATE payout_attempts SET state = $3, provider_transaction_id = coalesce(provider_transaction_id, $4),
                        updated_at = now() WHERE payout_id = $1 AND number = $2::int
                    """, key + [.text(next.rawValue), PostgresValue(transaction)])
                return .noted

            case .succeeded(let transaction, let reportedFee, let reportedAmount):
                switch current.state {
                case .succeeded: return .unchanged
                case .failed:
                    try Self.event(attempt.payoutID, status, actor: actor,
                                   detail: Self.paidAfterFailureDetail(attempt: attempt.number), on: connection)
                    // The failure let the payout go on to another provider: money may move twice.
                    // No further attempt is sent (one open now is still asked about), and a person
                    // looks. Parked for the next candidate's window, it must not wake and send either.
                    let goesToReview = status == .processing || status == .scheduled
                    if goesToReview {
                        try Self.toReview(attempt.payoutID, actor: actor, directory: directory, render: render,
                                          reason: "attempt \(attempt.number) via \(attempt.provider.rawValue) reported paid after a definite failure",
                                          on: connection)
                    }
                    return .conflict("success reported for an attempt recorded as failed", toReview: goesToReview)
                case .inquiring, .sending, .processing, .unknown: break
                }
                guard status == .processing || status == .needsReview else {
                    try Self.event(attempt.payoutID, status, actor: actor,
                                   detail: "conflict: success reported for attempt \(attempt.number) of a \(status.rawValue) payout",
                                   on: connection)
                    return .conflict("success reported for a \(status.rawValue) payout")
                }
                let amount = try row.decode(12, as: Int64.self)
                // Paid, but not the amount asked: the attempt is closed as paid (no further check
                // asks again) and the hold stays pending for a person, who resolves the payout.
                if let reported = reportedAmount, reported.rupiah != amount {
                    try connection.execute("""
                        UPDATE payout_attempts SET state = 'succeeded', provider_transaction_id = coalesce(provider_transaction_id, $3),
                            updated_at = now() WHERE payout_id = $1 AND number = $2::int
                        """, key + [PostgresValue(transaction)])
                    let what = "attempt \(attempt.number) via \(attempt.provider.rawValue) reported paid with amount \(reported.rupiah), not \(amount)"
                    try Self.event(attempt.payoutID, status, actor: actor, detail: what, on: connection)
                    let goesToReview = status == .processing
                    if goesToReview {
                        try Self.toReview(attempt.payoutID, actor: actor, directory: directory, render: render, reason: what,
                                          on: connection)
                    }
                    return .conflict("success reported with another amount", toReview: goesToReview)
                }
                // A fee above the amount is no fee this gateway can have agreed to (and one near
                // Int64.max would overflow the fee journal, failing every try to record the success):
                // the success is recorded, the figure is kept in the trail for a person.
                var fee = reportedFee
                if let reported = reportedFee, reported.rupiah > amount {
                    try Self.event(attempt.payoutID, status, actor: actor,
                                   detail: "fee \(reported.rupiah) reported for attempt \(attempt.number) ignored: more than the amount",
                                   on: connection)
                    fee = nil
                }
                try connection.execute("""
                    UPDATE payout_attempts SET state = 'succeeded', fee = $3::bigint,
                        provider_transaction_id = coalesce(provider_transaction_id, $4), updated_at = now()
                    WHERE payout_id = $1 AND number = $2::int
                    """, key + [PostgresValue(fee?.rupiah), PostgresValue(transaction)])
                // In review because an earlier attempt was reported paid: this one paid too, so the
                // beneficiary may have been paid twice. The payout stays for a person, who resolves
                // it against the providers; succeeding here would close the case and hide it.
                if status == .needsReview, try Self.reportedPaidAfterFailure(attempt.payoutID, on: connection) {
                    try Self.event(attempt.payoutID, .needsReview, actor: actor,
                                   detail: "attempt \(attempt.number) via \(attempt.provider.rawValue) paid too; an earlier attempt was reported paid after its failure",
                                   on: connection)
                    return .conflict("success reported for a payout already reported paid by another attempt", toReview: false)
                }
                try ledger.post(holdOf: attempt.payoutID, fee: fee?.rupiah ?? 0, feeJournalID: "\(attempt.payoutID):fee",
                                on: connection)
                let updated = try connection.query("""
                    UPDATE payouts SET status = 'succeeded', failure = NULL, updated_at = now() WHERE id = $1
                    RETURNING \(PayoutRecord.columns)
                    """, [.text(attempt.payoutID)])
                try connection.execute("DELETE FROM outbox WHERE payout_id = $1", [.text(attempt.payoutID)])
                try Self.event(attempt.payoutID, .succeeded, actor: actor,
                               detail: "paid by \(attempt.provider.rawValue), attempt \(attempt.number)", on: connection)
                try Self.announce("payout.succeeded", updated[0], directory: directory, render: render, on: connection)
                return .succeeded

            case .failed(let refusal):
                switch current.state {
                case .failed: return .unchanged
                case .succeeded:
                    try Self.event(attempt.payoutID, status, actor: actor,
                                   detail: "conflict: failure reported for attempt \(attempt.number), recorded as paid", on: connection)
                    return .conflict("failure reported for an attempt recorded as succeeded")
                case .inquiring, .sending, .processing, .unknown: break
                }
                let failure = PayoutFailure(code: refusal.code, message: refusal.message, provider: attempt.provider,
                                            providerCode: refusal.providerCode, isRetryable: refusal.code.isRetryable)
                try connection.execute("""
                    UPDATE payout_attempts SET state = 'failed', failure = $3::jsonb, updated_at = now()
                    WHERE payout_id = $1 AND number = $2::int
                    """, key + [.text(FlatJSON.encode(failure))])
                // In review because an earlier attempt was reported paid: this failure settles nothing.
                if status == .needsReview, try Self.reportedPaidAfterFailure(attempt.payoutID, on: connection) {
                    try Self.event(attempt.payoutID, .needsReview, actor: actor,
                                   detail: "attempt \(attempt.number) via \(attempt.provider.rawValue) failed: \(refusal.code.rawValue)",
                                   on: connection)
                    return .attemptFailed
                }
                // In review the payout may not go back to processing; the beneficiary's refusal
                // would be repeated by every provider. Both end the payout here.
                if status == .needsReview || !refusal.code.allowsFailover {
                    try Self.finishFailed(attempt.payoutID, failure: failure, actor: actor, directory: directory,
                                          render: render, ledger: ledger, on: connection)
                    return .payoutFailed
                }
                try Self.event(attempt.payoutID, .processing, actor: actor,
                               detail: "attempt \(attempt.number) via \(attempt.provider.rawValue) failed: \(refusal.code.rawValue)",
                               on: connection)
                try ledger.unroute(holdOf: attempt.payoutID, on: connection)
                try connection.execute("""
                    UPDATE outbox SET available_at = now(), lease_token = NULL, lease_until = NULL, failing_since = NULL
                    WHERE payout_id = $1
                    """, [.text(attempt.payoutID)])
                try connection.notify(PayoutStore.outboxChannel, payload: attempt.payoutID)
                return .attemptFailed
            }
        }
    }
}

// Shared statements of the dispatch transactions.
extension DispatchStore {
    static let attemptColumns = """
        payout_attempts.payout_id, number, payout_attempts.provider, payout_attempts.clearing, provider_reference,
        provider_transaction_id, state, inquiry_token, payout_attempts.failure::text, checks, (extract(epoch FROM payout_attempts.created_at) * 1000000)::bigint
        """

    static func attempt(_ row: PostgresRow) throws -> AttemptRecord {
        let payoutID: String = try row.decode(0)
        guard let provider = ProviderName(rawValue: try row.decode(2)), let clearing = Clearing(rawValue: try row.decode(3)),
              let state = AttemptState(rawValue: try row.decode(6)) else {
            throw StoreError.corruptRow(table: "payout_attempts", id: payoutID)
        }
        return AttemptRecord(payoutID: payoutID, number: Int(try row.decode(1, as: Int32.self)), provider: provider,
                             clearing: clearing, providerReference: try row.decode(4), providerTransactionID: try row.decode(5),
                             state: state, inquiryToken: try row.decode(7),
                             failure: (try row.decode(8, as: String?.self)).flatMap(FlatJSON.decodeFailure),
                             checks: Int(try row.decode(9, as: Int32.self)),
                             createdAt: Timestamp(microsecondsSinceEpoch: try row.decode(10)))
    }

    static func work(payoutID: String, directory: BankDirectory, on connection: PostgresConnection) throws -> PayoutWork? {
        guard let row = try connection.query("""
            SELECT \(PayoutRecord.columns), requested_clearing, requested_provider,
                (SELECT (extract(epoch FROM b.approved_at) * 1000000)::bigint FROM payout_batches b
                 WHERE b.id = payouts.batch_id) AS approved_micros
            FROM payouts WHERE id = $1
            """, [.text(payoutID)]).first else { return nil }
        let stored = try PayoutRecord.payout(row, directory: directory)
        guard let requested = Clearing(rawValue: try row.decode("requested_clearing")) else {
            throw StoreError.corruptRow(table: "payouts", id: payoutID)
        }
        let attempts = try connection.query(
            "SELECT \(attemptColumns) FROM payout_attempts WHERE payout_id = $1 ORDER BY number", [.text(payoutID)])
            .map(attempt)
        return PayoutWork(stored: stored, requestedClearing: requested,
                          requestedProvider: (try row.decode("requested_provider", as: String?.self)).flatMap(ProviderName.init(rawValue:)),
                          batchApprovedAt: (try row.decode("approved_micros", as: Int64?.self)).map(Timestamp.init(microsecondsSinceEpoch:)),
                          attempts: attempts)
    }

    /// Locks the payout row for the transaction and answers its status; nil when there is none.
    static func lockPayout(_ id: String, on connection: PostgresConnection) throws -> PayoutStatus? {
        guard let row = try connection.query("SELECT status FROM payouts WHERE id = $1 FOR UPDATE", [.text(id)]).first else {
            return nil
        }
        guard let status = PayoutStatus(rawValue: try row.decode(0)) else { throw StoreError.corruptRow(table: "payouts", id: id) }
        return status
    }

    /// Whether an attempt of the payout (attempt `number`, when given) may still be at its
    /// provider (the states the `payout_attempts_one_open` index names).
    static func hasOpenAttempt(_ payoutID: String, number: Int? = nil, on connection: PostgresConnection) throws -> Bool {
        try !connection.query("""
            SELECT 1 FROM payout_attempts WHERE payout_id = $1 AND state IN ('inquiring', 'sending', 'processing', 'unknown')
              AND number = coalesce($2::int, number)
            """, [.text(payoutID), PostgresValue(number.map(Int64.init))]).isEmpty
    }

    /// Whether `job` still exists and its lease is still the caller's (locking the job row).
    static func holdsLease(_ job: DispatchJob, on connection: PostgresConnection) throws -> Bool {
        try !connection.query("""
            SELECT 1 FROM outbox WHERE id = $1 AND lease_token = $2 AND lease_until > now() FOR UPDATE
            """, [.integer(job.id), .text(job.token)]).isEmpty
    }

    static func event(_ payoutID: String, _ status: PayoutStatus, actor: String, detail: String,
                      on connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO payout_events (payout_id, status, actor, detail, created_at) VALUES ($1, $2, $3, $4, now())
            """, [.text(payoutID), .text(status.rawValue), .text(actor), .text(detail)])
    }

    /// Records a client-webhook event carrying the payout as `row` (PayoutRecord.columns, as
    /// returned by the UPDATE that changed it) shows it, when a live endpoint subscribes to `type`.
    static func announce(_ type: String, _ row: PostgresRow, directory: BankDirectory,
                         render: (StoredPayout) -> String, on connection: PostgresConnection) throws {
        let stored = try PayoutRecord.payout(row, directory: directory)
        try connection.execute("SELECT webhook_event($1, $2, NULL, $3::jsonb)",
                               [.text(type), .text(stored.payout.id), .text(render(stored))])
    }

    /// The event detail that marks a success reported for an attempt recorded as failed.
    static let paidAfterFailure = "conflict: success reported"

    static func paidAfterFailureDetail(attempt number: Int) -> String {
        "\(paidAfterFailure) for attempt \(number), recorded as failed"
    }

    /// Of `attempts`, the failed ones their providers later reported paid: each may have moved money.
    static func attemptsReportedPaidAfterFailure(_ attempts: [AttemptRecord], payoutID: String,
                                                 on connection: PostgresConnection) throws -> Set<Int> {
        let failed = attempts.filter { $0.state == .failed }
        guard !failed.isEmpty else { return [] }
        let details = Set(try paidAfterFailureDetails(payoutID, on: connection))
        return Set(failed.map(\.number).filter { details.contains(paidAfterFailureDetail(attempt: $0)) })
    }

    static func reportedPaidAfterFailure(_ payoutID: String, on connection: PostgresConnection) throws -> Bool {
        try !paidAfterFailureDetails(payoutID, on: connection).isEmpty
    }

    /// The payout's events that mark a success reported for an attempt recorded as failed (rarely more than one).
    private static func paidAfterFailureDetails(_ payoutID: String, on connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            SELECT detail FROM payout_events WHERE payout_id = $1 AND starts_with(detail, $2)
            """, [.text(payoutID), .text(paidAfterFailure)]).map { try $0.decode(0, as: String.self) }
    }

    /// `processing` (or `scheduled`) to `needs_review` in the caller's transaction (the payout row
    /// locked), announced.
    static func toReview(_ payoutID: String, actor: String, directory: BankDirectory, render: (StoredPayout) -> String,
                         reason: String, on connection: PostgresConnection) throws {
        let updated = try connection.query("""
            UPDATE payouts SET status = 'needs_review', scheduled_for = NULL, updated_at = now() WHERE id = $1
            RETURNING \(PayoutRecord.columns)
            """, [.text(payoutID)])
        try event(payoutID, .needsReview, actor: actor, detail: reason, on: connection)
        try announce("payout.needs_review", updated[0], directory: directory, render: render, on: connection)
    }

    /// Ends the payout failed, its hold voided and its job gone; returns its row as updated.
    @discardableResult
    static func finishFailed(_ payoutID: String, failure: PayoutFailure, actor: String, directory: BankDirectory,
                             render: (StoredPayout) -> String, ledger: LedgerStore,
                             on connection: PostgresConnection) throws -> PostgresRow {
        let updated = try connection.query("""
            UPDATE payouts SET status = 'failed', failure = $2::jsonb, scheduled_for = NULL, updated_at = now() WHERE id = $1
            RETURNING \(PayoutRecord.columns)
            """, [.text(payoutID), .text(FlatJSON.encode(failure))])
        try ledger.void(holdOf: payoutID, on: connection)
        try connection.execute("DELETE FROM outbox WHERE payout_id = $1", [.text(payoutID)])
        try event(payoutID, .failed, actor: actor, detail: "\(failure.code.rawValue): \(failure.message)", on: connection)
        try announce("payout.failed", updated[0], directory: directory, render: render, on: connection)
        return updated[0]
    }
}
