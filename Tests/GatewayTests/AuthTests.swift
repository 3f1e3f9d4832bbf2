import Crypto
import Foundation
@testable import Gateway
import Store
import Testing

@Suite struct AuthTests {
    @Test func missingOrUnknownKeyIs401WithAChallenge() async throws {
        let gateway = try await GatewayHarness.start()
        let missing = try await gateway.request("GET", "/v1/payouts")
        #expect(missing.status == 401)
        #expect(missing.headers["www-authenticate"] == "Bearer")
        #expect(missing.json["code"] as? String == "unauthorized")
        let unknown = try await gateway.get("/v1/payouts", key: "pgk_not-a-real-key")
        #expect(unknown.status == 401)
        let basic = try await gateway.request("GET", "/v1/payouts", headers: ["Authorization": "Basic dXNlcjpwYXNz"])
        #expect(basic.status == 401)
        try await gateway.stop()
    }

    @Test func keyWithoutTheScopeIs403() async throws {
        let gateway = try await GatewayHarness.start()
        let reader = try await gateway.key([.payoutsRead])
        let answer = try await gateway.createPayout(payoutBody(), key: reader)
        #expect(answer.status == 403)
        #expect(answer.json["code"] as? String == "forbidden")
        #expect(try await gateway.get("/v1/balances", key: reader).status == 403)
        #expect(try await gateway.get("/v1/payouts", key: reader).status == 200)
        try await gateway.stop()
    }

    @Test func revokedKeyIs401() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsRead], name: "soon-revoked")
        #expect(try await ApiKeyStore(pool: gateway.app.pool).revoke(name: "soon-revoked"))
        #expect(try await gateway.get("/v1/payouts", key: key).status == 401)
        try await gateway.stop()
    }

    @Test func rateLimitAnswers429WithRetryAfterPastTheBurst() async throws {
        let gateway = try await GatewayHarness.start(environment: ["RATE_LIMIT_PER_SECOND": "1", "RATE_LIMIT_BURST": "3"])
        let key = try await gateway.key([.payoutsRead])
        for _ in 0..<3 { #expect(try await gateway.get("/v1/payouts", key: key).status == 200) }
        let limited = try await gateway.get("/v1/payouts", key: key)
        #expect(limited.status == 429)
        #expect(limited.headers["retry-after"] == "1")
        #expect(limited.json["code"] as? String == "rate_limited")
        // Another key has its own bucket.
        #expect(try await gateway.get("/v1/payouts", key: try await gateway.key([.payoutsRead])).status == 200)
        try await gateway.stop()
    }

    @Test func recordsLastUse() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsRead], name: "used")
        #expect(try await gateway.column("SELECT last_used_at::text FROM api_keys WHERE name = 'used'") == [nil])
        #expect(try await gateway.get("/v1/payouts", key: key).status == 200)
        var used: [String?] = [nil]
        for _ in 0..<50 where used == [nil] {
            try await Task.sleep(for: .milliseconds(20))
            used = try await gateway.column("SELECT last_used_at::text FROM api_keys WHERE name = 'used'")
        }
        #expect(used != [nil])
        try await gateway.stop()
    }

    @Test func storesOnlyTheKeyHash() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsRead], name: "hashed")
        let stored = try await gateway.column("SELECT encode(key_hash, 'hex') FROM api_keys WHERE name = 'hashed'")
        #expect(stored == [Hex.encode(Digest.sha256(key))])
        #expect(try await gateway.column("SELECT count(*)::text FROM api_keys WHERE key_hash::text LIKE '%\(key.suffix(10))%'") == ["0"])
        try await gateway.stop()
    }

    @Test func rateLimiterRefillsWithoutFloatingPoint() {
        let limiter = RateLimiter(perSecond: 2, burst: 2)
        let start = ContinuousClock.now
        #expect(limiter.take(for: 1, now: start) == nil)
        #expect(limiter.take(for: 1, now: start) == nil)
        #expect(limiter.take(for: 1, now: start) == 1)
        #expect(limiter.take(for: 1, now: start + .milliseconds(499)) == 1)
        #expect(limiter.take(for: 1, now: start + .milliseconds(500)) == nil)
        #expect(limiter.take(for: 1, now: start + .seconds(10)) == nil)
        #expect(limiter.take(for: 1, now: start + .seconds(10)) == nil)
        #expect(limiter.take(for: 1, now: start + .seconds(10)) == 1)
    }

    /// Calls closer together than one milli-token's worth of time still add up to tokens.
    @Test func rateLimiterKeepsWhatFrequentCallsEarn() {
        let limiter = RateLimiter(perSecond: 1, burst: 1)
        let start = ContinuousClock.now
        var allowed = 0
        for call in 0..<20_001 where limiter.take(for: 1, now: start + .microseconds(500 * call)) == nil {
            allowed += 1
        }
        // One from the full bucket, then one a second for ten seconds.
        #expect(allowed == 11)
    }

    /// Threads read the clock before taking the bucket's lock, so a call may carry an instant
    /// earlier than the last one recorded: it earns nothing, and loses nothing either.
    @Test func anInstantBehindTheLastCallTakesNoTokensAway() {
        let limiter = RateLimiter(perSecond: 1, burst: 2)
        let start = ContinuousClock.now
        #expect(limiter.take(for: 1, now: start) == nil)
        #expect(limiter.take(for: 1, now: start - .milliseconds(500)) == nil)
        #expect(limiter.take(for: 1, now: start) == 1)
        #expect(limiter.take(for: 1, now: start + .seconds(1)) == nil)
    }

    @Test func parsesScopeLists() {
        #expect(Scope.parseList("payouts:write, payouts:read,payouts:write") == [.payoutsWrite, .payoutsRead])
        #expect(Scope.parseList("payouts:write,root") == nil)
        #expect(Scope.parseList("") == nil)
    }
}
