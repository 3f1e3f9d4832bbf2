import Payouts
import Postgres
@testable import Store
import Testing

/// A provider's answer holding U+0000, which PostgreSQL text cannot, is still recorded: refusing
/// it would leave the payout unsettled, asked about again and again.
@Suite struct ProviderTextTests {
    @Test func aRefusalHoldingNULIsRecordedAndEndsThePayout() async throws {
        try await withLedgerDatabase { pool in
            let (store, job) = try await DispatchFixture.claimed(pool, reference: "nul")
            let planned = NewAttempt(number: 1, provider: .duitku, clearing: .bifast, prepares: true, routingJSON: nil)
            let attempt = try #require(try await store.begin(planned, for: job, actor: "tests"))
            #expect(try await store.prepared(attempt, inquiryToken: "to\0ken", transactionID: "tx\0", for: job))

            let refusal = ProviderFailure(code: .invalidAccount, providerCode: "E\0", message: "no such\0account")
            #expect(try await store.record(.failed(refusal), for: attempt, actor: "tests") == .payoutFailed)
            let row = try await pool.withConnection { connection in
                try connection.query("""
                    SELECT p.status, p.failure->>'message', p.failure->>'provider_code', a.inquiry_token, a.provider_transaction_id
                    FROM payouts p JOIN payout_attempts a ON a.payout_id = p.id WHERE p.id = 'po_nul'
                    """)[0]
            }
            #expect(try row.decode(0, as: String.self) == "failed")
            #expect(try row.decode(1, as: String.self) == "no such\u{FFFD}account")
            #expect(try row.decode(2, as: String.self) == "E\u{FFFD}")
            #expect(try row.decode(3, as: String.self) == "to\u{FFFD}ken")
            #expect(try row.decode(4, as: String.self) == "tx\u{FFFD}")
            // An id holding U+0000 names no attempt: none of ours has one.
            #expect(try await store.attempt(provider: .duitku, reference: AttemptReference(providerReference: "nul\0a1")) == nil)
        }
    }
}
