import Payouts
import Postgres
@testable import Store
import Testing

/// A job whose steps keep throwing: how long it has been failing is kept on the job, a step that
/// ends without an error starts the count again, and its payout can be put in review.
@Suite struct StuckDispatchTests {
    @Test func aJobCountsItsFailuresWithoutABreakOnly() async throws {
        try await withLedgerDatabase { pool in
            var (store, job) = try await DispatchFixture.claimed(pool, reference: "stuck", token: "w1")
            func failed(limit: Duration) async throws -> Bool {
                let overdue = try await store.releaseAfterError(job, after: .zero, failingLongerThan: limit, overdueDelay: .zero)
                job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "w1").first)
                return overdue
            }
            // The first failure starts the count: not overdue even with no time allowed.
            #expect(try await !failed(limit: .zero))
            #expect(try await !failed(limit: .seconds(60)))
            #expect(try await failed(limit: .zero))

            // A step that ends well starts it again.
            try await store.release(job, after: .zero)
            job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "w1").first)
            #expect(try await !failed(limit: .zero))

            // An overdue job is due again only after the longer delay.
            _ = try await store.releaseAfterError(job, after: .zero, failingLongerThan: .zero, overdueDelay: .seconds(3600))
            #expect(try await store.claim(limit: 1, lease: .seconds(60), token: "w1").isEmpty)
            // A worker whose lease was lost changes nothing.
            #expect(try await !store.releaseAfterError(job, after: .zero, failingLongerThan: .zero, overdueDelay: .zero))
            #expect(try await ResolutionTests.column(pool, """
                SELECT (available_at > now() + interval '59 minutes')::text FROM outbox WHERE payout_id = 'po_stuck'
                """) == ["true"])
        }
    }

    @Test func aStuckPayoutGoesToReviewOnceWithItsHoldKept() async throws {
        try await withLedgerDatabase { pool in
            let (store, _) = try await DispatchFixture.claimed(pool, reference: "stuck")
            #expect(try await store.markStuck(payoutID: "po_stuck", reason: "steps keep failing", actor: "tests"))
            #expect(try await !store.markStuck(payoutID: "po_stuck", reason: "steps keep failing", actor: "tests"))
            #expect(try await ResolutionTests.column(pool, "SELECT status FROM payouts") == ["needs_review"])
            #expect(try await ResolutionTests.column(pool, "SELECT status || ' ' || detail FROM payout_events ORDER BY id").last
                    == "needs_review steps keep failing")
            #expect(try await ResolutionTests.column(pool, "SELECT DISTINCT status FROM ledger_postings") == ["pending"])
        }
    }

    @Test func anEndedPayoutIsNotReopened() async throws {
        try await withLedgerDatabase { pool in
            let (store, _) = try await DispatchFixture.claimed(pool, reference: "ended")
            let failure = PayoutFailure(code: .invalidAccount, message: "no such account", isRetryable: false)
            #expect(try await store.fail(payoutID: "po_ended", failure: failure, actor: "tests"))
            #expect(try await !store.markStuck(payoutID: "po_ended", reason: "steps keep failing", actor: "tests"))
            #expect(try await ResolutionTests.column(pool, "SELECT status FROM payouts") == ["failed"])
        }
    }
}
