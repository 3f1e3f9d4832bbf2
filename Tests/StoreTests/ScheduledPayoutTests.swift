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
            let (store, job) = try await DispatchFixture.claimed(pool, reference: "parked")
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

    /// Refused by one provider with the others' rails closed for the night: parked until they
    /// open, not failed; and never parked while an attempt is open.
    @Test func aPayoutBetweenAttemptsWaitsForTheNextWindow() async throws {
        try await withLedgerDatabase { pool in
            var (store, job) = try await DispatchFixture.claimed(pool, reference: "night", token: "w1")
            let opens = Timestamp(secondsSinceEpoch: 1_790_003_600)
            func status() async throws -> String {
                try await pool.withConnection { try $0.query("SELECT status FROM payouts WHERE id = 'po_night'")[0].decode(0) }
            }
            let planned = NewAttempt(number: 1, provider: .duitku, clearing: .online, prepares: false, routingJSON: nil)
            let attempt = try #require(try await store.begin(planned, for: job, actor: "tests"))
            try await store.schedule(job, until: opens, actor: "tests")
            #expect(try await status() == "processing")  // the attempt is open: nothing parks it

            let refusal = ProviderFailure(code: .bankUnavailable, providerCode: "-510", message: "bank offline")
            #expect(try await store.record(.failed(refusal), for: attempt, actor: "tests") == .attemptFailed)
            job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: "w2").first)
            try await store.schedule(job, until: opens, actor: "tests")
            #expect(try await status() == "scheduled")
            // The refusing provider's prefund no longer carries the payout while it waits.
            #expect(try await pool.withConnection { connection in
                try connection.query("""
                    SELECT DISTINCT j.kind || '=' || p.status FROM ledger_postings p JOIN ledger_journals j ON j.id = p.journal_id
                    WHERE p.payout_id = 'po_night' ORDER BY 1
                    """).map { try $0.decode(0, as: String.self) }
            } == ["hold=pending", "route=voided"])
            #expect(try await pool.withConnection { connection in
                try connection.query("""
                    SELECT (extract(epoch FROM available_at))::bigint FROM outbox WHERE payout_id = 'po_night'
                    """)[0].decode(0, as: Int64.self)
            } == 1_790_003_600)
        }
    }
}
