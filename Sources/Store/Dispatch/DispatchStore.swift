import Payouts
import Postgres

/// The dispatcher's writes: claiming outbox jobs, attempts written before each provider call,
/// and every status change with its event, ledger movement and webhook event in one transaction.
///
/// Locks are always taken in one order (payout row, then attempt, then outbox job) so a
/// callback, a status check and a cancel racing on one payout queue up instead of deadlocking.
///
/// Its transactions run on generic plans (`genericPlans: true`): each of their statements finds
/// its rows by key. Left to choose, the server planned several of them again on most calls,
/// after autovacuum's statistics made the generic plan look dearer than it is.
public struct DispatchStore: Sendable {
    let pool: PostgresPool
    let directory: BankDirectory
    let ledger = LedgerStore()
    /// Renders a payout for a client-webhook event (the gateway's JSON).
    let render: @Sendable (StoredPayout) -> String

    public init(pool: PostgresPool, directory: BankDirectory = .standard,
                render: @escaping @Sendable (StoredPayout) -> String) {
        self.pool = pool
        self.directory = directory
        self.render = render
    }

    /// Claims up to `limit` due jobs for `lease`, skipping those another worker holds.
    public func claim(limit: Int, lease: Duration, token: String) async throws -> [DispatchJob] {
        // The limit is written into the statement, not bound: with `LIMIT $3` the server costs a
        // generic plan as if it claimed a tenth of the outbox, and so planned every claim afresh.
        let limit = max(limit, 1)
        return try await pool.withConnection { connection in
            try connection.query("""
                UPDATE outbox o SET lease_token = $1, lease_until = now() + $2::bigint * interval '1 millisecond',
                    attempts = o.attempts + 1
                FROM (SELECT id FROM outbox
                      WHERE available_at <= now() AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY available_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED) due
                WHERE o.id = due.id
                RETURNING o.id, o.payout_id
                """, [.text(token), .integer(lease.wholeMilliseconds)])
            .map { DispatchJob(id: try $0.decode(0), payoutID: try $0.decode(1), token: token) }
        }
    }

    /// The payout and its attempts.
    public func work(payoutID: String) async throws -> PayoutWork? {
        let directory = directory
        return try await pool.withConnection { connection in
            try Self.work(payoutID: payoutID, directory: directory, on: connection)
        }
    }

    /// Hands the job back, due again after `delay`, its step having ended without an error; a job
    /// whose lease was lost is left alone.
    public func release(_ job: DispatchJob, after delay: Duration) async throws {
        try await pool.withConnection { connection in
            _ = try connection.execute("""
                UPDATE outbox SET available_at = now() + $3::bigint * interval '1 millisecond',
                    lease_token = NULL, lease_until = NULL, failing_since = NULL
                WHERE id = $1 AND lease_token = $2
                """, [.integer(job.id), .text(job.token), .integer(delay.wholeMilliseconds)])
        }
    }

    /// Hands back a job whose step threw, due again after `delay`. True when its steps have been
    /// failing without a break for longer than `limit`: the job is then due after `overdueDelay`
    /// instead, and its payout is for a person to look at (`markStuck`).
    public func releaseAfterError(_ job: DispatchJob, after delay: Duration, failingLongerThan limit: Duration,
                                  overdueDelay: Duration) async throws -> Bool {
        try await pool.withConnection { connection in
            // SET sees the row before the update and RETURNING after it; failing_since after it is
            // the coalesce SET tested, so the two agree.
            try connection.query("""
                UPDATE outbox SET lease_token = NULL, lease_until = NULL, failing_since = coalesce(failing_since, now()),
                    available_at = now() + (CASE WHEN coalesce(failing_since, now()) < now() - $4::bigint * interval '1 millisecond'
                                            THEN $5::bigint ELSE $3::bigint END) * interval '1 millisecond'
                WHERE id = $1 AND lease_token = $2
                RETURNING failing_since < now() - $4::bigint * interval '1 millisecond'
                """, [.integer(job.id), .text(job.token), .integer(delay.wholeMilliseconds),
                      .integer(limit.wholeMilliseconds), .integer(overdueDelay.wholeMilliseconds)])
            .first?.decode(0, as: Bool.self) ?? false
        }
    }

    /// Deletes a job with nothing left to do (the payout is final or was withdrawn).
    public func drop(_ job: DispatchJob) async throws {
        try await pool.withConnection { connection in
            _ = try connection.execute("DELETE FROM outbox WHERE id = $1 AND lease_token = $2",
                                       [.integer(job.id), .text(job.token)])
        }
    }

    /// Writes the attempt before any provider call, moves the hold onto that provider's prefund
    /// and marks the payout `processing`. False (nothing written) when the lease was lost, the
    /// payout left a dispatchable status, or another attempt is open.
    public func begin(_ attempt: NewAttempt, for job: DispatchJob, actor: String) async throws -> AttemptRecord? {
        let directory = directory
        let render = render
        let ledger = ledger
        return try await pool.withTransaction(genericPlans: true) { connection -> AttemptRecord? in
            // One round trip: the payout row locked, the lease still ours, no attempt open.
            guard let row = try connection.query("""
                SELECT p.status,
                       EXISTS (SELECT 1 FROM outbox o WHERE o.id = $2 AND o.lease_token = $3 AND o.lease_until > now()),
                       EXISTS (SELECT 1 FROM payout_attempts a WHERE a.payout_id = p.id
                               AND a.state IN ('inquiring', 'sending', 'processing', 'unknown'))
                FROM payouts p WHERE p.id = $1 FOR UPDATE OF p
                """, [.text(job.payoutID), .integer(job.id), .text(job.token)]).first,
                  let status = PayoutStatus(rawValue: try row.decode(0)), [.pending, .scheduled, .processing].contains(status),
                  try row.decode(1, as: Bool.self), try !row.decode(2, as: Bool.self) else { return nil }
            let reference = AttemptReference.make(payoutID: job.payoutID, attempt: attempt.number)
            let rows = try connection.query("""
                INSERT INTO payout_attempts (payout_id, number, provider, clearing, provider_reference, state)
                VALUES ($1, $2::int, $3, $4, $5, $6)
                RETURNING \(Self.attemptColumns)
                """, [.text(job.payoutID), .integer(Int64(attempt.number)), .text(attempt.provider.rawValue),
                      .text(attempt.clearing.rawValue), .text(reference), .text(attempt.prepares ? "inquiring" : "sending")])
            try ledger.moveHold(payout: job.payoutID, to: attempt.provider.rawValue,
                                id: "\(job.payoutID):route:\(attempt.number)", on: connection)
            let updated = try connection.query("""
                UPDATE payouts SET status = 'processing', provider = $2, clearing = $3,
                    routing = coalesce($4::json, routing), scheduled_for = NULL, updated_at = now()
                WHERE id = $1 RETURNING \(PayoutRecord.columns)
                """, [.text(job.payoutID), .text(attempt.provider.rawValue), .text(attempt.clearing.rawValue),
                      PostgresValue(attempt.routingJSON)])
            try Self.event(job.payoutID, .processing, actor: actor,
                           detail: "attempt \(attempt.number) via \(attempt.provider.rawValue) (\(attempt.clearing.rawValue))",
                           on: connection)
            if status != .processing {
                try Self.announce("payout.processing", updated[0], directory: directory, render: render, on: connection)
            }
            return try Self.attempt(rows[0])
        }
    }

    /// Records the first step's answer (Duitku's inquiry): the attempt moves on to `sending`.
    /// False, and the transfer is not sent, unless the payout is still `processing`: while the
    /// inquiry ran, a late "paid" for an earlier attempt may have put it in review. Repeating it
    /// with the same token is true again: when the acknowledgement of a commit is lost, the
    /// retry must not read the worker's own write as someone else's and leave the transfer unsent
    /// (only the lease holder, which made the inquiry, has the token).
    public func prepared(_ attempt: AttemptRecord, inquiryToken: String?, transactionID: String?,
                         for job: DispatchJob) async throws -> Bool {
        // One statement: the payout row share-locked first (the order every writer uses), only an
        // attempt still inquiring (or already moved by this same write), and only while the lease is ours.
        try await pool.withConnection { connection in
            try connection.execute("""
                WITH payout AS (SELECT 1 FROM payouts WHERE id = $1 AND status = 'processing' FOR SHARE)
                UPDATE payout_attempts SET state = 'sending', inquiry_token = $3,
                    provider_transaction_id = coalesce($4, provider_transaction_id), updated_at = now()
                WHERE payout_id = $1 AND number = $2::int
                  AND (state = 'inquiring' OR (state = 'sending' AND inquiry_token IS NOT DISTINCT FROM $3))
                  AND EXISTS (SELECT 1 FROM payout)
                  AND EXISTS (SELECT 1 FROM outbox WHERE id = $5 AND lease_token = $6 AND lease_until > now())
                """, [.text(attempt.payoutID), .integer(Int64(attempt.number)), PostgresValue(inquiryToken?.storable),
                      PostgresValue(transactionID?.storable), .integer(job.id), .text(job.token)]) == 1
        }
    }

    /// Fails the payout with no open attempt left (no route, every candidate refused, or the
    /// beneficiary refused): status, failure, event, hold released, webhook event, job deleted.
    /// Only a payout still on its way: the decision was taken from a read before the lock, and a
    /// payout put in review since (an earlier attempt reported paid) is a person's to end.
    public func fail(payoutID: String, failure: PayoutFailure, actor: String) async throws -> Bool {
        let failure = failure.storable
        let directory = directory
        let render = render
        let ledger = ledger
        return try await pool.withTransaction(genericPlans: true) { connection in
            guard let status = try Self.lockPayout(payoutID, on: connection), [.pending, .scheduled, .processing].contains(status),
                  try !Self.hasOpenAttempt(payoutID, on: connection) else { return false }
            try Self.finishFailed(payoutID, failure: failure, actor: actor, directory: directory, render: render,
                                  ledger: ledger, on: connection)
            return true
        }
    }

    /// A payout whose outcome the reconcile deadline did not establish: `needs_review`, announced.
    /// Status checks go on (rarely), so a late answer still settles it. Only while `attempt`, the
    /// one past its deadline, is still open: settled since the check, the payout has moved on.
    public func markNeedsReview(payoutID: String, attempt number: Int, reason: String, actor: String) async throws -> Bool {
        let directory = directory
        let render = render
        return try await pool.withTransaction(genericPlans: true) { connection in
            guard try Self.lockPayout(payoutID, on: connection) == .processing,
                  try Self.hasOpenAttempt(payoutID, number: number, on: connection) else { return false }
            try Self.toReview(payoutID, actor: actor, directory: directory, render: render, reason: reason, on: connection)
            return true
        }
    }

    /// A payout still on its way whose dispatch steps kept failing: `needs_review`, announced,
    /// whether or not an attempt is open (one that is goes on being asked about). False when the
    /// payout has ended or is already in review.
    public func markStuck(payoutID: String, reason: String, actor: String) async throws -> Bool {
        let directory = directory
        let render = render
        return try await pool.withTransaction(genericPlans: true) { connection in
            guard let status = try Self.lockPayout(payoutID, on: connection),
                  [.pending, .scheduled, .processing].contains(status) else { return false }
            try Self.toReview(payoutID, actor: actor, directory: directory, render: render, reason: reason, on: connection)
            return true
        }
    }

    /// Parks a payout whose rail is closed until `opensAt`.
    public func schedule(_ job: DispatchJob, until opensAt: Timestamp, actor: String) async throws {
        try await pool.withTransaction(genericPlans: true) { connection in
            guard let status = try Self.lockPayout(job.payoutID, on: connection), [.pending, .scheduled, .processing].contains(status),
                  try Self.holdsLease(job, on: connection) else { return }
            // Processing only between attempts: one still open is asked about, never parked.
            if status == .processing, try Self.hasOpenAttempt(job.payoutID, on: connection) { return }
            let micros = PostgresValue.integer(opensAt.microsecondsSinceEpoch)
            try connection.execute("""
                UPDATE payouts SET status = 'scheduled', updated_at = now(),
                    scheduled_for = timestamptz 'epoch' + $2::bigint * interval '1 microsecond' WHERE id = $1
                """, [.text(job.payoutID), micros])
            if status != .scheduled {
                try Self.event(job.payoutID, .scheduled, actor: actor, detail: "waiting for the clearing window", on: connection)
            }
            try connection.execute("""
                UPDATE outbox SET available_at = timestamptz 'epoch' + $2::bigint * interval '1 microsecond',
                    lease_token = NULL, lease_until = NULL, failing_since = NULL WHERE id = $1
                """, [.integer(job.id), micros])
        }
    }

    /// Counts one more status check of an open attempt.
    public func countCheck(_ attempt: AttemptRecord) async throws {
        try await pool.withConnection { connection in
            _ = try connection.execute("""
                UPDATE payout_attempts SET checks = checks + 1, updated_at = now() WHERE payout_id = $1 AND number = $2::int
                """, [.text(attempt.payoutID), .integer(Int64(attempt.number))])
        }
    }

    /// The attempt a provider names by our reference or, failing that, by its own transaction id.
    public func attempt(provider: ProviderName, reference: AttemptReference) async throws -> AttemptRecord? {
        // Our references and the ids we stored hold no U+0000, so one that does names nothing of ours.
        guard !reference.providerReference.utf8.contains(0) else { return nil }
        return try await pool.withConnection { connection in
            let byReference = try connection.query(
                "SELECT \(Self.attemptColumns) FROM payout_attempts WHERE provider_reference = $1 AND provider = $2",
                [.text(reference.providerReference), .text(provider.rawValue)])
            if let row = byReference.first { return try Self.attempt(row) }
            guard let transaction = reference.providerTransactionID, !transaction.isEmpty, !transaction.utf8.contains(0) else {
                return nil
            }
            return try connection.query("""
                SELECT \(Self.attemptColumns) FROM payout_attempts
                WHERE provider = $1 AND provider_transaction_id = $2 ORDER BY created_at DESC LIMIT 1
                """, [.text(provider.rawValue), .text(transaction)]).first.map(Self.attempt)
        }
    }

    /// Keeps a verified callback as received; `payoutID` nil when it matched no attempt.
    public func storeCallback(provider: ProviderName, reference: String, payoutID: String?, outcome: String,
                              effect: String, body: [UInt8]) async throws {
        try await pool.withConnection { connection in
            _ = try connection.execute("""
                INSERT INTO provider_callbacks (provider, provider_reference, payout_id, outcome, effect, body)
                VALUES ($1, $2, $3, $4, $5, $6)
                """, [.text(provider.rawValue), .text(reference.storable), PostgresValue(payoutID), .text(outcome), .text(effect),
                      .bytes(body)])
        }
    }

    /// Payouts in `needs_review`, for the metric.
    public func needsReviewCount() async throws -> Int {
        try await pool.withConnection { connection in
            Int(try connection.query("SELECT count(*) FROM payouts WHERE status = 'needs_review'")[0].decode(0, as: Int64.self))
        }
    }
}
