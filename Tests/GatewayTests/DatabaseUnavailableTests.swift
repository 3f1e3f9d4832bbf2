@testable import Gateway
import Postgres
import Testing
import TestSupport

/// A database that does not answer in time is a 503 the client may retry, and the retry under
/// the same Idempotency-Key creates the payout once.
@Suite struct DatabaseUnavailableTests {
    @Test func aStatementStuckBehindALockIsA503AndTheRetryCreatesThePayoutOnce() async throws {
        let gateway = try await GatewayHarness.start(environment: ["DATABASE_STATEMENT_TIMEOUT_SECONDS": "2"])
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let body = payoutBody(reference: "locked-out")
        // Another session (a long migration, an operator's lock) holds the payouts table.
        try await whileAnotherSessionHolds(try gateway.database.configuration(), "LOCK TABLE payouts IN ACCESS EXCLUSIVE MODE") {
            let refused = try await gateway.createPayout(body, key: key, idempotencyKey: "k-locked")
            #expect(refused.status == 503)
            #expect(refused.json["code"] as? String == "database_unavailable")
            #expect(refused.headers["retry-after"] == "1")
            #expect(refused.headers["content-type"] == "application/problem+json")
            let list = try await gateway.get("/v1/payouts", key: key)
            #expect(list.status == 503)
        }
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        // As a client would: retry while the answer is a 503 (on a busy machine a statement may
        // still run past this test's two-second limit).
        var retried = try await gateway.createPayout(body, key: key, idempotencyKey: "k-locked")
        for _ in 0..<5 where retried.status == 503 {
            retried = try await gateway.createPayout(body, key: key, idempotencyKey: "k-locked")
        }
        #expect(retried.status == 202)
        #expect(retried.headers["idempotent-replayed"] == nil)
        let again = try await gateway.createPayout(body, key: key, idempotencyKey: "k-locked")
        #expect(again.headers["idempotent-replayed"] == "true")
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts WHERE reference = 'locked-out'") == ["1"])
        try await gateway.stop()
    }
}
