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

/// A live webhook endpoint for every event type, made by the first API key: without one, events
/// are not kept, and tests that read `webhook_events` would read nothing.
enum WebhookFixture {
    static func subscribeToEverything(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO webhook_endpoints (id, url, events, signing_secret, created_by, created_at)
                SELECT 'we_everything', 'https://receiver.example.com/hook',
                       ARRAY['payout.processing', 'payout.succeeded', 'payout.failed', 'payout.needs_review', 'batch.completed'],
                       'whsec_test', min(id), now()
                FROM api_keys
                """)
        }
    }
}
