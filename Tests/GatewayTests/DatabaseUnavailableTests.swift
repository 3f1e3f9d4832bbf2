import Dispatch
@testable import Gateway
import Postgres
import Testing

/// A database that does not answer in time is a 503 the client may retry, and the retry under
/// the same Idempotency-Key creates the payout once.
@Suite struct DatabaseUnavailableTests {
    @Test func aStatementStuckBehindALockIsA503AndTheRetryCreatesThePayoutOnce() async throws {
        let gateway = try await GatewayHarness.start(environment: ["DATABASE_STATEMENT_TIMEOUT_SECONDS": "2"])
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        // Another session (a long migration, an operator's lock) holds the payouts table.
        let holder = PostgresPool(configuration: try gateway.database.configuration(), limits: PoolLimits(size: 1))
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let holding = Task {
            try await holder.withTransaction { connection in
                try connection.execute("LOCK TABLE payouts IN ACCESS EXCLUSIVE MODE")
                locked.signal()
                release.wait()
            }
        }
        while locked.wait(timeout: .now()) != .success { try await Task.sleep(for: .milliseconds(10)) }

        let body = payoutBody(reference: "locked-out")
        let refused = try await gateway.createPayout(body, key: key, idempotencyKey: "k-locked")
        #expect(refused.status == 503)
        #expect(refused.json["code"] as? String == "database_unavailable")
        #expect(refused.headers["retry-after"] == "1")
        #expect(refused.headers["content-type"] == "application/problem+json")
        let list = try await gateway.get("/v1/payouts", key: key)
        #expect(list.status == 503)

        release.signal()
        try await holding.value
        await holder.shutdown()
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        // As a client would: retry while the answer is a 503 (on a busy machine a statement may
        // still run past this test's one-second limit).
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
