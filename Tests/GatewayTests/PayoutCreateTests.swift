import Crypto
import Foundation
import Postgres
@testable import Gateway
import Testing
import TestSupport

@Suite struct PayoutCreateTests {
    @Test func acceptsAPayoutAndReplaysTheSameAnswer() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let body = payoutBody(reference: "inv-1")
        let first = try await gateway.createPayout(body, key: key, idempotencyKey: "k-1")
        #expect(first.status == 202)
        #expect(first.json["status"] as? String == "pending")
        #expect(first.json["amount"] as? String == "150000.00")
        #expect((first.json["id"] as? String)?.hasPrefix("po_") == true)
        #expect(((first.json["beneficiary"] as? [String: Any])?["account_number"] as? String) == "******3566")
        #expect(first.headers["idempotent-replayed"] == nil)
        let second = try await gateway.createPayout(body, key: key, idempotencyKey: "k-1")
        #expect(second.status == 202)
        #expect(second.body == first.body)
        #expect(second.headers["idempotent-replayed"] == "true")
        #expect(second.headers["location"] == first.headers["location"])
        #expect(first.headers["location"] == "/v1/payouts/\(first.json["id"] as? String ?? "")")
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["1"])
        try await gateway.stop()
    }

    @Test func refusesTheSameKeyWithADifferentBody() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        #expect(try await gateway.createPayout(payoutBody(reference: "a"), key: key, idempotencyKey: "same").status == 202)
        let other = try await gateway.createPayout(payoutBody(reference: "b"), key: key, idempotencyKey: "same")
        #expect(other.status == 422)
        #expect(other.json["code"] as? String == "idempotency_key_reused")
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["1"])
        try await gateway.stop()
    }

    /// A request accepted once is answered as then, even if validating or routing it again would
    /// now refuse it (a provider's health, the clock or the configuration changed in between): the
    /// first payout exists, and a refusal would tell the caller to send it again.
    @Test func aRetryRefusedNowStillGetsItsFirstAnswer() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let first = try await gateway.createPayout(payoutBody(reference: "then-valid"), key: key, idempotencyKey: "old")
        #expect(first.status == 202)
        // Rules that changed since, modelled by storing the answer under a body refused today.
        let refusedNow = payoutBody(reference: "then-valid", amount: "5")
        let hash = Hex.encode(Digest.sha256(Array("POST /v1/payouts\n\(refusedNow)".utf8)))
        _ = try await gateway.column("UPDATE idempotency_keys SET request_hash = '\\x\(hash)' WHERE key = 'old' RETURNING key")
        let retry = try await gateway.createPayout(refusedNow, key: key, idempotencyKey: "old")
        #expect(retry.status == 202, "\(retry.body)")
        #expect(retry.body == first.body)
        #expect(retry.headers["idempotent-replayed"] == "true")
        // Another refused body under the key is the key's misuse; under a new key, the refusal itself.
        let other = try await gateway.createPayout(payoutBody(reference: "other", amount: "5"), key: key, idempotencyKey: "old")
        #expect(other.json["code"] as? String == "idempotency_key_reused")
        let fresh = try await gateway.createPayout(refusedNow, key: key, idempotencyKey: "new")
        #expect(fresh.status == 422)
        #expect(fresh.json["code"] as? String == "validation_failed")
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["1"])
        try await gateway.stop()
    }

    @Test func requiresAnIdempotencyKey() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await gateway.request("POST", "/v1/payouts", headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"],
                                               body: payoutBody())
        #expect(answer.status == 400)
        #expect(answer.json["code"] as? String == "idempotency_key_missing")
        let tooLong = try await gateway.createPayout(payoutBody(), key: key, idempotencyKey: String(repeating: "k", count: 256))
        #expect(tooLong.status == 400)
        #expect(try await gateway.createPayout(payoutBody(), key: key, idempotencyKey: String(repeating: "k", count: 255)).status == 202)
        try await gateway.stop()
    }

    @Test func refusesAReferenceReusedUnderANewKey() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        #expect(try await gateway.createPayout(payoutBody(reference: "inv-9"), key: key).status == 202)
        let again = try await gateway.createPayout(payoutBody(reference: "inv-9", amount: "20000"), key: key)
        #expect(again.status == 409)
        #expect(again.json["code"] as? String == "duplicate_reference")
        // The refused request wrote nothing: one payout, event, job and hold, and its key not kept.
        #expect(try await gateway.count("SELECT count(*) FROM payouts WHERE reference = 'inv-9'") == 1)
        #expect(try await gateway.count("SELECT count(*) FROM payout_events") == 1)
        #expect(try await gateway.count("SELECT count(*) FROM outbox") == 1)
        #expect(try await gateway.count("SELECT count(*) FROM ledger_journals WHERE kind = 'hold'") == 1)
        #expect(try await gateway.count("SELECT count(*) FROM ledger_postings") == 2)
        #expect(try await gateway.count("SELECT count(*) FROM idempotency_keys") == 1)
        // Another API key has its own references.
        let other = try await gateway.key([.payoutsWrite])
        #expect(try await gateway.createPayout(payoutBody(reference: "inv-9"), key: other).status == 202)
        try await gateway.stop()
    }

    @Test func concurrentRequestsWithOneKeyCreateExactlyOnePayout() async throws {
        let gateway = try await GatewayHarness.start(environment: ["DATABASE_POOL_SIZE": "8"])
        let key = try await gateway.key([.payoutsWrite])
        let body = payoutBody(reference: "race")
        let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
            for _ in 0..<24 {
                group.addTask { try await Task.detached { try await gateway.createPayout(body, key: key, idempotencyKey: "race-key") }.value }
            }
            return try await group.reduce(into: [Answer]()) { $0.append($1) }
        }
        let accepted = answers.filter { $0.status == 202 }
        #expect(accepted.count + answers.filter { $0.status == 409 && $0.json["code"] as? String == "idempotency_key_in_progress" }.count == 24)
        #expect(!accepted.isEmpty)
        #expect(Set(accepted.map(\.body)).count == 1)
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["1"])
        #expect(try await gateway.column("SELECT count(*)::text FROM ledger_journals WHERE kind = 'hold'") == ["1"])
        try await gateway.stop()
    }

    @Test func writesPayoutEventOutboxJobAndHoldTogether() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead, .ledgerRead])
        let created = try await gateway.createPayout(payoutBody(amount: "250000"), key: key)
        let id = try #require(created.json["id"] as? String)
        #expect(try await gateway.column("SELECT status FROM payout_events WHERE payout_id = '\(id)'") == ["pending"])
        #expect(try await gateway.column("SELECT kind FROM outbox WHERE payout_id = '\(id)'") == ["dispatch"])
        #expect(try await gateway.column("SELECT account || ' ' || direction || ' ' || amount || ' ' || status FROM ledger_postings WHERE payout_id = '\(id)' ORDER BY account")
                == ["available_for_payouts debit 250000 pending", "payouts_in_flight credit 250000 pending"])
        let entries = try await gateway.get("/v1/ledger/entries?payout_id=\(id)", key: key)
        #expect(entries.status == 200)
        #expect((entries.json["data"] as? [[String: Any]])?.count == 2)
        try await gateway.stop()
    }

    @Test func reportsEveryInvalidFieldAtOnceAndWritesNothing() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await gateway.createPayout(
            #"{"reference":"","amount":150000,"currency":"USD","beneficiary":{"bank":"bcaa","account_number":"12ab","account_name":""},"colour":"red"}"#,
            key: key)
        #expect(answer.status == 422)
        #expect(answer.json["code"] as? String == "validation_failed")
        #expect(Set(answer.errorFields) == ["reference", "amount", "currency", "beneficiary.bank", "beneficiary.account_number",
                                            "beneficiary.account_name", "colour"])
        #expect(answer.body.contains("bca"))
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        #expect(try await gateway.column("SELECT count(*)::text FROM idempotency_keys") == ["0"])
        try await gateway.stop()
    }

    @Test(arguments: [
        ("9999", 422), ("10000", 202), ("10000.00", 202), ("10000.50", 422), ("-10000", 422), ("1e5", 422),
        ("999999999999", 202), ("1000000000000", 422),
    ])
    func amountEdges(amount: String, status: Int) async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await gateway.createPayout(payoutBody(amount: amount), key: key)
        #expect(answer.status == status)
        if status == 422 { #expect(answer.errorFields == ["amount"]) }
        try await gateway.stop()
    }

    @Test func accountNameEdges() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        #expect(try await gateway.createPayout(payoutBody(accountName: String(repeating: "a", count: 50)), key: key).status == 202)
        let past = try await gateway.createPayout(payoutBody(accountName: String(repeating: "a", count: 51)), key: key)
        #expect(past.status == 422)
        #expect(past.errorFields == ["beneficiary.account_name"])
        try await gateway.stop()
    }

    @Test func refusesMalformedBodiesWithProblems() async throws {
        let gateway = try await GatewayHarness.start(environment: ["HTTP_BODY_BYTES_MAX": "2048"])
        let key = try await gateway.key([.payoutsWrite])
        let auth = ["Authorization": "Bearer \(key)", "Idempotency-Key": "m"]
        let notJSON = try await gateway.request("POST", "/v1/payouts", headers: auth.merging(["Content-Type": "application/json"]) { $1 }, body: "{nope")
        #expect(notJSON.status == 400)
        #expect(notJSON.json["code"] as? String == "malformed_json")
        let wrongType = try await gateway.request("POST", "/v1/payouts", headers: auth.merging(["Content-Type": "text/plain"]) { $1 }, body: payoutBody())
        #expect(wrongType.status == 415)
        let array = try await gateway.request("POST", "/v1/payouts", headers: auth.merging(["Content-Type": "application/json"]) { $1 }, body: "[1]")
        #expect(array.status == 422)
        let huge = try await gateway.createPayout(payoutBody(extra: #","description":"\#(String(repeating: "x", count: 3000))""#), key: key)
        #expect(huge.status == 413)
        #expect(huge.headers["content-type"] == "application/problem+json")
        // A member given twice, at the top or nested: which one counts would depend on the reader.
        let twice = try await gateway.createPayout(
            payoutBody(amount: "10000", extra: #","amount":"900000000","beneficiary":{"bank":"014","bank":"008","account_number":"8760673566","account_name":"A"}"#),
            key: key)
        #expect(twice.status == 422)
        #expect(Set(twice.errorFields) == ["amount", "beneficiary", "beneficiary.bank"], "\(twice.body)")
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        try await gateway.stop()
    }

    /// A retry whose content would be refused now (here: invalid), sent while the first request
    /// with its key is still running, hears "in progress": the first may still create the payout.
    @Test func aRefusableRetryWhileTheFirstIsRunningIsInProgress() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite], name: "holder")
        let keyID = try #require(try await gateway.column("SELECT id::text FROM api_keys WHERE name = 'holder'").first ?? nil)
        let invalid = payoutBody(reference: "running", amount: "5")
        // What the first request's payout_create holds until it commits.
        try await whileAnotherSessionHolds(try gateway.database.configuration(),
                                           "SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || 'k-running', 0))", [.text(keyID)]) {
            let during = try await gateway.createPayout(invalid, key: key, idempotencyKey: "k-running")
            #expect(during.status == 409)
            #expect(during.json["code"] as? String == "idempotency_key_in_progress")
        }
        let after = try await gateway.createPayout(invalid, key: key, idempotencyKey: "k-running")
        #expect(after.status == 422)
        try await gateway.stop()
    }
}
