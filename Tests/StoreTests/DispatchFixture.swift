import Payouts
import Postgres
@testable import Store
import Testing

/// The start of every dispatch-store scenario: one payout accepted and its job claimed.
enum DispatchFixture {
    static func claimed(_ pool: PostgresPool, reference: String,
                        token: String = "worker") async throws -> (store: DispatchStore, job: DispatchJob) {
        let key = try await PayoutCreateAtomicityTests.apiKey(pool)
        let created = try await PayoutStore(pool: pool).create(
            try PayoutCreateAtomicityTests.newPayout(key, reference: reference), holdJournalID: "po_\(reference):hold")
        #expect(created == .created)
        let store = DispatchStore(pool: pool, render: { _ in "{}" })
        let job = try #require(try await store.claim(limit: 1, lease: .seconds(60), token: token).first)
        return (store, job)
    }
}
