import Payouts
import Postgres
@testable import Store
import Testing

/// A payout parked for its clearing window can still be refused when the window opens (no route
/// left, the account check failed): it ends failed with its hold voided and its job gone, rather
/// than staying scheduled with the money held and the job asked about for ever.
@Suite struct ScheduledPayoutTests {
    @Test func aScheduledPayoutRefusedWhenItsWindowOpensEndsFailed() async throws {
        try await withLedgerDatabase { pool in
            let key = try await PayoutCreateAtomicityTests.apiKey(pool)
            let created = try await PayoutStore(pool: pool).create(
                try PayoutCreateAtomicityTests.newPayout(key, reference: "parked"), holdJournalID: "po_parked:hold")
            #expect(created == .created)
            let store = DispatchStore(pool: pool, render: { _ in "{}" })
            let job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "worker").first)
            try await store.schedule(job, until: Timestamp(secondsSinceEpoch: 1_790_003_600), actor: "tests")
            func column(_ sql: String) async throws -> [String?] {
                try await pool.withConnection { connection in try connection.query(sql).map { try $0.decode(0, as: String?.self) } }
            }
            #expect(try await column("SELECT status FROM payouts WHERE id = 'po_parked'") == ["scheduled"])

            let failure = PayoutFailure(code: .invalidAccount, message: "The bank knows no such account.", isRetryable: false)
            #expect(try await store.fail(payoutID: "po_parked", failure: failure, actor: "tests"))
            #expect(try await column("SELECT status FROM payouts WHERE id = 'po_parked'") == ["failed"])
            #expect(try await column("SELECT DISTINCT status FROM ledger_postings WHERE payout_id = 'po_parked'") == ["voided"])
            #expect(try await column("SELECT count(*)::text FROM outbox WHERE payout_id = 'po_parked'") == ["0"])
        }
    }
}
