import Payouts
import Postgres
@testable import Store
import Testing

/// A provider reporting paid an attempt it had refused definitely: the refusal let the payout go
/// on to another provider, so money may move twice. No further attempt is sent, an open one is
/// still asked about, a later failure of it settles nothing, and the payout waits for a person.
@Suite struct ProviderConflictTests {
    static let refusal = ProviderFailure(code: .rejectedByProvider, providerCode: "X1", message: "refused")

    /// A payout accepted, its job claimed and attempt 1 begun at SingaPay.
    static func sentPayout(_ pool: PostgresPool, _ reference: String) async throws -> (DispatchStore, AttemptRecord) {
        let (store, job) = try await DispatchFixture.claimed(pool, reference: reference, token: "w1")
        let planned = NewAttempt(number: 1, provider: .singapay, clearing: .bifast, prepares: false, routingJSON: nil)
        return (store, try #require(try await store.begin(planned, for: job, actor: "tests")))
    }

    /// As `sentPayout`, with attempt 1 refused: the payout waits for its next attempt.
    static func processingPayout(_ pool: PostgresPool, _ reference: String) async throws -> (DispatchStore, AttemptRecord) {
        let (store, attempt) = try await sentPayout(pool, reference)
        #expect(try await store.record(.failed(refusal), for: attempt, actor: "tests") == .attemptFailed)
        return (store, attempt)
    }

    /// After `processingPayout`: the job claimed again and attempt 2 begun on it.
    static func secondAttempt(_ store: DispatchStore, via provider: ProviderName = .durianpay,
                              prepares: Bool = false) async throws -> (job: DispatchJob, attempt: AttemptRecord) {
        let job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "w2").first)
        let planned = NewAttempt(number: 2, provider: provider, clearing: .bifast, prepares: prepares, routingJSON: nil)
        return (job, try #require(try await store.begin(planned, for: job, actor: "tests")))
    }

    static func status(_ pool: PostgresPool, _ id: String) async throws -> String {
        try await pool.withConnection { try $0.query("SELECT status FROM payouts WHERE id = $1", [.text(id)])[0].decode(0) }
    }

    @Test func paidAfterARefusalStopsTheNextAttempt() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await Self.processingPayout(pool, "late")
            let effect = try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
            #expect(effect == .conflict("success reported for an attempt recorded as failed", toReview: true))
            #expect(try await Self.status(pool, "po_late") == "needs_review")
            // The job the refusal re-armed no longer sends anything.
            let job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "w2").first)
            let second = NewAttempt(number: 2, provider: .durianpay, clearing: .bifast, prepares: false, routingJSON: nil)
            #expect(try await store.begin(second, for: job, actor: "tests") == nil)
        }
    }

    /// Refused, then parked for the next candidate's window: a late "paid" for the refused attempt
    /// puts it in review too, so the window opening sends nothing.
    @Test func paidAfterARefusalWhileParkedStopsTheNextAttempt() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await Self.processingPayout(pool, "parked")
            let job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "w2").first)
            try await store.schedule(job, until: Timestamp(secondsSinceEpoch: 1_790_003_600), actor: "tests")
            #expect(try await Self.status(pool, "po_parked") == "scheduled")
            let effect = try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
            #expect(effect == .conflict("success reported for an attempt recorded as failed", toReview: true))
            #expect(try await Self.status(pool, "po_parked") == "needs_review")
            _ = try await pool.withConnection { try $0.execute("UPDATE outbox SET available_at = now()") }
            let woken = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "w3").first)
            let second = NewAttempt(number: 2, provider: .durianpay, clearing: .llg, prepares: false, routingJSON: nil)
            #expect(try await store.begin(second, for: woken, actor: "tests") == nil)
        }
    }

    /// An attempt read as `inquiring` and closed as interrupted is closed only if still inquiring:
    /// moved on to `sending` in between, its transfer may be on the way.
    @Test func closingAnInterruptedInquiryChecksItIsStillOne() async throws {
        try await withLedgerDatabase { pool in
            let (store, job) = try await DispatchFixture.claimed(pool, reference: "step", token: "w1")
            let planned = NewAttempt(number: 1, provider: .duitku, clearing: .bifast, prepares: true, routingJSON: nil)
            let inquiring = try #require(try await store.begin(planned, for: job, actor: "tests"))
            #expect(try await store.prepared(inquiring, inquiryToken: "t", transactionID: "d1", for: job))
            // A retry of the same write (its commit's acknowledgement lost) is still a go; another
            // inquiry's token is not.
            #expect(try await store.prepared(inquiring, inquiryToken: "t", transactionID: "d1", for: job))
            #expect(try await !store.prepared(inquiring, inquiryToken: "t2", transactionID: "d2", for: job))
            let interrupted = ProviderFailure(code: .providerUnavailable, providerCode: "", message: "interrupted")
            #expect(try await store.record(.failed(interrupted), for: inquiring, actor: "tests", onlyIn: .inquiring) == .unchanged)
            let state: String = try await pool.withConnection {
                try $0.query("SELECT state FROM payout_attempts WHERE payout_id = 'po_step'")[0].decode(0)
            }
            #expect(state == "sending")
        }
    }

    @Test func anOpenAttemptFailingAfterwardsSettlesNothing() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await Self.processingPayout(pool, "both")
            let (_, second) = try await Self.secondAttempt(store)
            _ = try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
            #expect(try await Self.status(pool, "po_both") == "needs_review")
            func postings() async throws -> [String] {
                try await pool.withConnection { connection in
                    try connection.query("SELECT journal_id || ' ' || status FROM ledger_postings WHERE payout_id = 'po_both' ORDER BY id")
                        .map { try $0.decode(0, as: String.self) }
                }
            }
            let held = try await postings()
            #expect(held.contains { $0.hasSuffix("pending") })
            #expect(try await store.record(.failed(Self.refusal), for: second, actor: "tests") == .attemptFailed)
            #expect(try await Self.status(pool, "po_both") == "needs_review")
            // The money stays held where the open attempt had it: neither voided nor posted.
            #expect(try await postings() == held)
        }
    }

    /// Reported paid, but with another amount than the payout's: the attempt is closed as paid,
    /// nothing is posted, and the payout waits for a person; the same answer again changes nothing.
    @Test func paidWithAnotherAmountWaitsForAPerson() async throws {
        try await withLedgerDatabase { pool in
            let (store, attempt) = try await Self.sentPayout(pool, "short")
            #expect(try await store.record(.accepted(providerTransactionID: "t1"), for: attempt, actor: "tests") == .noted)
            let short = ProviderOutcome.succeeded(providerTransactionID: "t1", fee: nil, amount: Money(rupiah: 5_000))
            #expect(try await store.record(short, for: attempt, actor: "callback")
                == .conflict("success reported with another amount", toReview: true))
            #expect(try await Self.status(pool, "po_short") == "needs_review")
            let rows: [String] = try await pool.withConnection { connection in
                try connection.query("""
                    SELECT 'attempt ' || state FROM payout_attempts WHERE payout_id = 'po_short'
                    UNION ALL SELECT 'posting ' || status FROM ledger_postings WHERE payout_id = 'po_short'
                    UNION ALL SELECT 'event ' || detail FROM payout_events WHERE payout_id = 'po_short' AND detail LIKE '%amount%'
                    """).map { try $0.decode(0) }
            }
            #expect(rows.filter { $0.hasPrefix("attempt") } == ["attempt succeeded"])
            #expect(!rows.contains { $0.hasPrefix("posting") && !$0.hasSuffix("pending") })
            #expect(rows.contains("event attempt 1 via singapay reported paid with amount 5000, not 50000"))
            #expect(try await store.record(short, for: attempt, actor: "callback") == .unchanged)
        }
    }

    @Test func paidWithThePayoutsAmountSucceeds() async throws {
        try await withLedgerDatabase { pool in
            let (store, attempt) = try await Self.sentPayout(pool, "exact")
            #expect(try await store.record(.succeeded(providerTransactionID: "t2", fee: nil, amount: Money(rupiah: 50_000)),
                                           for: attempt, actor: "callback") == .succeeded)
            #expect(try await Self.status(pool, "po_exact") == "succeeded")
        }
    }

    /// Reported paid while the next attempt's inquiry ran: the transfer of that attempt is not sent.
    @Test func paidAfterARefusalDuringTheNextInquiryStopsItsTransfer() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await Self.processingPayout(pool, "inquiry")
            let (job, second) = try await Self.secondAttempt(store, via: .duitku, prepares: true)
            _ = try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
            #expect(try await Self.status(pool, "po_inquiry") == "needs_review")
            #expect(try await !store.prepared(second, inquiryToken: "token", transactionID: nil, for: job))
            let state: String = try await pool.withConnection {
                try $0.query("SELECT state FROM payout_attempts WHERE payout_id = 'po_inquiry' AND number = 2")[0].decode(0)
            }
            #expect(state == "inquiring")
        }
    }

    /// Both attempts paid: the second success is recorded on its attempt, and the payout stays in
    /// review with the hold neither posted nor voided, for a person to resolve.
    @Test func aSecondPaymentKeepsThePayoutInReview() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await Self.processingPayout(pool, "twice")
            let (_, second) = try await Self.secondAttempt(store)
            _ = try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
            let held: [String] = try await pool.withConnection { connection in
                try connection.query("SELECT journal_id || ' ' || status FROM ledger_postings WHERE payout_id = 'po_twice' ORDER BY id")
                    .map { try $0.decode(0, as: String.self) }
            }
            let effect = try await store.record(.succeeded(providerTransactionID: "t2", fee: nil), for: second, actor: "callback")
            #expect(effect == .conflict("success reported for a payout already reported paid by another attempt", toReview: false))
            #expect(try await Self.status(pool, "po_twice") == "needs_review")
            let (state, postings): (String, [String]) = try await pool.withConnection { connection in
                (try connection.query("SELECT state FROM payout_attempts WHERE payout_id = 'po_twice' AND number = 2")[0].decode(0),
                 try connection.query("SELECT journal_id || ' ' || status FROM ledger_postings WHERE payout_id = 'po_twice' ORDER BY id")
                    .map { try $0.decode(0, as: String.self) })
            }
            #expect(state == "succeeded")
            #expect(postings == held)
            #expect(postings.contains { $0.hasSuffix("pending") })
        }
    }

    /// A worker that found no candidate left decided to fail the payout before it took the lock;
    /// meanwhile the refused attempt was reported paid. The review stands, the hold is kept.
    @Test func aPayoutPutInReviewMeanwhileIsNotFailed() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await Self.processingPayout(pool, "stale")
            _ = try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
            let failure = PayoutFailure(code: .noRoute, message: "no candidate left", isRetryable: false)
            #expect(try await !store.fail(payoutID: "po_stale", failure: failure, actor: "tests"))
            #expect(try await Self.status(pool, "po_stale") == "needs_review")
            let voided: [String] = try await pool.withConnection { connection in
                try connection.query("SELECT journal_id FROM ledger_postings WHERE payout_id = 'po_stale' AND journal_id = 'po_stale:hold' AND status = 'voided'")
                    .map { try $0.decode(0, as: String.self) }
            }
            #expect(voided.isEmpty)
        }
    }

    /// Parked for the next provider's window after a refusal: it was sent once, so it is not
    /// cancelled (a late "paid" for the refusal must find it on its way).
    @Test func aPayoutParkedAfterARefusalIsNotCancelled() async throws {
        try await withLedgerDatabase { pool in
            let (store, _) = try await Self.processingPayout(pool, "sentonce")
            let job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "w2").first)
            try await store.schedule(job, until: Timestamp(secondsSinceEpoch: 1_790_003_600), actor: "tests")
            #expect(try await Self.status(pool, "po_sentonce") == "scheduled")
            let apiKey: Int64 = try await pool.withConnection { try $0.query("SELECT id FROM api_keys WHERE name = 'atomic'")[0].decode(0) }
            let outcome = try await PayoutStore(pool: pool).cancel(
                id: "po_sentonce", actor: "client", at: Timestamp(secondsSinceEpoch: 1_790_000_000),
                idempotency: IdempotencyClaim(apiKeyID: apiKey, key: "cancel-1", requestHash: [1]), answer: { _ in [] }) { _ in }
            guard case .refused(.alreadySent(.scheduled)) = outcome else {
                Issue.record("expected alreadySent, got \(outcome)")
                return
            }
            #expect(try await Self.status(pool, "po_sentonce") == "scheduled")
        }
    }

    /// The attempt past its deadline was settled (refused) after the check that found it overdue:
    /// the payout has moved on and is not put in review on that attempt's account.
    @Test func theDeadlineOfASettledAttemptPutsNothingInReview() async throws {
        try await withLedgerDatabase { pool in
            let (store, attempt) = try await Self.sentPayout(pool, "moved")
            #expect(try await store.record(.unknown(reason: "timed out"), for: attempt, actor: "tests") == .noted)
            #expect(try await store.record(.failed(Self.refusal), for: attempt, actor: "callback") == .attemptFailed)
            #expect(try await !store.markNeedsReview(payoutID: "po_moved", attempt: 1, reason: "deadline", actor: "tests"))
            #expect(try await Self.status(pool, "po_moved") == "processing")
        }
    }

    /// A provider reporting a fee above the amount (or near Int64.max, which would overflow the
    /// fee journal): the success is recorded without it, and the trail keeps the figure.
    @Test func aFeeAboveTheAmountIsLeftOutOfTheLedger() async throws {
        try await withLedgerDatabase { pool in
            let (store, attempt) = try await Self.sentPayout(pool, "dearfee")
            let fee = try #require(Money(rupiah: Int64.max / 2 + 1))
            #expect(try await store.record(.succeeded(providerTransactionID: "t1", fee: fee), for: attempt, actor: "callback") == .succeeded)
            #expect(try await Self.status(pool, "po_dearfee") == "succeeded")
            let (fees, events): ([String?], [String]) = try await pool.withConnection { connection in
                (try connection.query("SELECT fee::text FROM payout_attempts WHERE payout_id = 'po_dearfee'").map { try $0.decode(0) },
                 try connection.query("SELECT detail FROM payout_events WHERE payout_id = 'po_dearfee' ORDER BY id").map { try $0.decode(0) })
            }
            #expect(fees == [nil])
            #expect(events.contains { $0.contains("ignored: more than the amount") })
            let journals: [String] = try await pool.withConnection { connection in
                try connection.query("SELECT DISTINCT journal_id FROM ledger_postings WHERE payout_id = 'po_dearfee' ORDER BY 1").map { try $0.decode(0) }
            }
            #expect(journals == ["po_dearfee:hold", "po_dearfee:route:1"])
        }
    }
}
