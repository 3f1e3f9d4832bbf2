import Foundation
@testable import Gateway
import Postgres
import TestSupport
import Testing

extension GatewayHarness {
    /// POST /v1/payout-batches as JSON with a key and an idempotency key; a debug build takes
    /// seconds over 5,000 items, longer than `request` waits.
    func createBatch(_ body: String, key: String, idempotencyKey: String = UUID().uuidString) async throws -> Answer {
        let client = try TestClient(port: app.port, receiveTimeoutMilliseconds: 60_000)
        let response = try client.exchange("POST", "/v1/payout-batches", headers: [
            ("Authorization", "Bearer \(key)"), ("Idempotency-Key", idempotencyKey), ("Content-Type", "application/json"),
        ], body: body)
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return Answer(status: response.status, headers: fields, body: response.text)
    }

    /// POST /v1/payout-batches/{id}/approve or /reject.
    func decide(_ id: String, _ verb: String, key: String, idempotencyKey: String = UUID().uuidString) async throws -> Answer {
        try await request("POST", "/v1/payout-batches/\(id)/\(verb)", headers: [
            "Authorization": "Bearer \(key)", "Idempotency-Key": idempotencyKey,
        ])
    }

    func count(_ sql: String) async throws -> Int {
        Int(try await column(sql).first.flatMap { $0 } ?? "") ?? -1
    }
}

/// A create-batch body around item bodies (each as `payoutBody` makes them).
func batchBody(reference: String = "batch-" + String(UInt32.random(in: 0...UInt32.max), radix: 36), approval: String? = "auto",
               items: [String]) -> String {
    let approvalMember = approval.map { #""approval":"\#($0)","# } ?? ""
    return #"{"reference":"\#(reference)",\#(approvalMember)"items":[\#(items.joined(separator: ","))]}"#
}

/// `count` valid items with references `<prefix>-0`, `<prefix>-1`, … and amounts 10000, 20000, ….
func batchItems(_ count: Int, prefix: String = "item") -> [String] {
    (0..<count).map { payoutBody(reference: "\(prefix)-\($0)", amount: String(10_000 * ($0 + 1))) }
}

@Suite struct BatchTests {
    @Test func anAutoBatchQueuesEveryPayoutWithItsHold() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let created = try await gateway.createBatch(batchBody(items: batchItems(3)), key: key)
        #expect(created.status == 202)
        let id = try #require(created.json["id"] as? String)
        #expect(id.hasPrefix("pb_"))
        #expect(created.headers["location"] == "/v1/payout-batches/\(id)")
        #expect(created.json["status"] as? String == "processing")
        #expect(created.json["total_amount"] as? String == "60000.00")
        let payouts = try #require(created.json["payouts"] as? [[String: Any]])
        #expect(payouts.map { $0["reference"] as? String } == ["item-0", "item-1", "item-2"])
        #expect(try await gateway.count("SELECT count(*) FROM payouts WHERE batch_id = '\(id)' AND status = 'pending'") == 3)
        #expect(try await gateway.count("SELECT count(*) FROM outbox o JOIN payouts p ON p.id = o.payout_id WHERE p.batch_id = '\(id)'") == 3)
        #expect(try await gateway.count("SELECT count(*) FROM payout_events e JOIN payouts p ON p.id = e.payout_id WHERE p.batch_id = '\(id)'") == 3)
        #expect(try await gateway.column("""
            SELECT sum(l.amount)::text FROM ledger_postings l JOIN payouts p ON p.id = l.payout_id
            WHERE p.batch_id = '\(id)' AND l.account = 'payouts_in_flight' AND l.status = 'pending'
            """) == ["60000"])
        // Each hold is the one a single payout gets.
        let second = payouts[1]["id"] as? String ?? ""
        #expect(try await gateway.column("""
            SELECT l.account || ' ' || l.direction || ' ' || l.amount || ' ' || l.status || ' ' || l.journal_id
            FROM ledger_postings l WHERE l.payout_id = '\(second)' ORDER BY l.id
            """) == ["available_for_payouts debit 20000 pending \(second):hold", "payouts_in_flight credit 20000 pending \(second):hold"])

        let shown = try await gateway.get("/v1/payout-batches/\(id)", key: key)
        #expect(shown.status == 200)
        #expect(shown.json["created_by"] as? String != nil)
        let pending = (shown.json["by_status"] as? [String: [String: Any]])?["pending"]
        #expect(pending?["count"] as? Int == 3)
        #expect(pending?["amount"] as? String == "60000.00")
        let listed = try await gateway.get("/v1/payout-batches?limit=1&status=processing", key: key)
        #expect((listed.json["data"] as? [[String: Any]])?.first?["id"] as? String == id)
        #expect(try await gateway.get("/v1/payout-batches/pb_missing", key: key).status == 404)
        #expect(try await gateway.get("/v1/payout-batches?status=done", key: key).status == 400)
        try await gateway.stop()
    }

    /// Each item keeps its own `validate_account`, as a single payout does (it was once stored as
    /// false, so the dispatcher paid without the check the caller asked for).
    @Test func eachItemKeepsItsAccountValidationRequest() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let items = [payoutBody(reference: "checked", extra: #","validate_account":true"#), payoutBody(reference: "unchecked")]
        let created = try await gateway.createBatch(batchBody(items: items), key: key)
        #expect(created.status == 202, "\(created.body)")
        let payouts = try #require(created.json["payouts"] as? [[String: Any]])
        var asked: [Bool?] = []
        for payout in payouts {
            let id = try #require(payout["id"] as? String)
            asked.append(try await gateway.get("/v1/payouts/\(id)", key: key).json["validate_account"] as? Bool)
        }
        #expect(asked == [true, false])
        try await gateway.stop()
    }

    @Test func aBatchAwaitingApprovalHoldsFundsButQueuesNothing() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        // Approval is required unless the body says otherwise.
        let created = try await gateway.createBatch(batchBody(approval: nil, items: batchItems(4)), key: key)
        #expect(created.status == 202)
        #expect(created.json["status"] as? String == "awaiting_approval")
        #expect(created.json["approval"] as? String == "required")
        let id = try #require(created.json["id"] as? String)
        #expect(try await gateway.count("SELECT count(*) FROM payouts WHERE batch_id = '\(id)' AND status = 'awaiting_approval'") == 4)
        #expect(try await gateway.count("SELECT count(*) FROM outbox") == 0)
        #expect(try await gateway.count("SELECT count(*) FROM ledger_journals WHERE kind = 'hold'") == 4)
        try await gateway.stop()
    }

    @Test func oneBadItemRefusesTheBatchListingEveryErrorByIndex() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        var items = batchItems(6)
        items[1] = payoutBody(reference: "item-1", amount: "5")
        items[3] = payoutBody(reference: "item-3", bank: "zzz", extra: #","colour":"red""#)
        // Doku cannot pay 20,000,000 to an e-wallet, and the client insisted on Doku: no route.
        items[4] = payoutBody(reference: "item-4", amount: "20000000", bank: "ovo", accountNumber: "081234567890",
                              extra: #","provider":"doku""#)
        items[5] = payoutBody(reference: "item-0", amount: "5")
        let answer = try await gateway.createBatch(batchBody(items: items + ["7"]), key: key)
        #expect(answer.status == 422)
        #expect(answer.json["code"] as? String == "validation_failed")
        #expect(Set(answer.errorFields) == ["items[1].amount", "items[3].beneficiary.bank", "items[3].colour", "items[4]",
                                            "items[5].amount", "items[5].reference", "items[6]"])
        #expect(answer.json["detail"] as? String == "5 of 7 payouts are invalid (7 errors); nothing was accepted.")
        for table in ["payout_batches", "payouts", "payout_events", "outbox", "idempotency_keys", "ledger_journals"] {
            #expect(try await gateway.count("SELECT count(*) FROM \(table)") == 0)
        }
        let shape = try await gateway.createBatch(#"{"reference":"","approval":"later","items":[],"extra":1}"#, key: key)
        #expect(Set(shape.errorFields) == ["reference", "approval", "items", "extra"])
        let noItems = try await gateway.createBatch(#"{"reference":"b","items":{}}"#, key: key)
        #expect(noItems.errorFields == ["items"])
        try await gateway.stop()
    }

    @Test func takesFiveThousandItemsAndRefusesOneMore() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let tooMany = try await gateway.createBatch(batchBody(items: batchItems(5_001)), key: key)
        #expect(tooMany.status == 422)
        #expect(tooMany.errorFields == ["items"])
        // About 1 s of SQL and 2 s of Swift in a debug build on an idle 2-core machine.
        let created = try await gateway.createBatch(batchBody(items: batchItems(5_000)), key: key)
        #expect(created.status == 202)
        #expect(created.json["item_count"] as? Int == 5_000)
        #expect(try await gateway.count("SELECT count(*) FROM payouts") == 5_000)
        #expect(try await gateway.count("SELECT count(*) FROM outbox") == 5_000)
        #expect(try await gateway.count("SELECT count(*) FROM ledger_postings") == 10_000)
        try await gateway.stop()
    }

    @Test func replaysTheFirstAnswerAndRefusesTakenReferences() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let body = batchBody(reference: "payroll-1", items: batchItems(2))
        let first = try await gateway.createBatch(body, key: key, idempotencyKey: "b-1")
        let second = try await gateway.createBatch(body, key: key, idempotencyKey: "b-1")
        #expect(second.status == 202)
        #expect(second.body == first.body)
        #expect(second.headers["idempotent-replayed"] == "true")
        let other = try await gateway.createBatch(batchBody(reference: "payroll-2", items: batchItems(2, prefix: "x")), key: key,
                                                  idempotencyKey: "b-1")
        #expect(other.json["code"] as? String == "idempotency_key_reused")
        let sameReference = try await gateway.createBatch(batchBody(reference: "payroll-1", items: batchItems(1, prefix: "y")), key: key)
        #expect(sameReference.status == 409)
        #expect(sameReference.json["code"] as? String == "duplicate_reference")
        // An item whose reference a single payout already has.
        #expect(try await gateway.createPayout(payoutBody(reference: "solo"), key: key).status == 202)
        let taken = try await gateway.createBatch(batchBody(items: batchItems(2, prefix: "z") + [payoutBody(reference: "solo")]), key: key)
        #expect(taken.status == 409)
        #expect(taken.errorFields == ["items[2].reference"])
        #expect(try await gateway.count("SELECT count(*) FROM payout_batches") == 1)
        #expect(try await gateway.count("SELECT count(*) FROM payouts") == 3)
        #expect(try await gateway.count("SELECT count(*) FROM idempotency_keys") == 2)
        try await gateway.stop()
    }

    @Test func approvalNeedsASecondKeyWithTheScope() async throws {
        let gateway = try await GatewayHarness.start()
        let maker = try await gateway.key([.payoutsWrite, .payoutsApprove])
        let checker = try await gateway.key([.payoutsApprove], name: "checker")
        let writer = try await gateway.key([.payoutsWrite])
        let id = try #require(try await gateway.createBatch(batchBody(approval: "required", items: batchItems(3)), key: maker).json["id"] as? String)

        let byMaker = try await gateway.decide(id, "approve", key: maker)
        #expect(byMaker.status == 403)
        #expect(byMaker.json["code"] as? String == "approval_by_creator")
        #expect(try await gateway.decide(id, "reject", key: maker).status == 403)
        let unscoped = try await gateway.decide(id, "approve", key: writer)
        #expect(unscoped.status == 403)
        #expect(unscoped.json["code"] as? String == "forbidden")
        #expect(try await gateway.count("SELECT count(*) FROM outbox") == 0)
        #expect(try await gateway.decide("pb_missing", "approve", key: checker).status == 404)
        // A decision takes no fields: a reason sent along is refused, not dropped, and decides nothing.
        let withReason = try await gateway.request("POST", "/v1/payout-batches/\(id)/reject", headers: [
            "Authorization": "Bearer \(checker)", "Idempotency-Key": UUID().uuidString, "Content-Type": "application/json",
        ], body: #"{"reason":"duplicate"}"#)
        #expect(withReason.status == 422 && withReason.errorFields == ["reason"], "\(withReason.body)")
        #expect(try await gateway.column("SELECT status FROM payout_batches") == ["awaiting_approval"])
        // One payout's clearing window is still ahead when the batch is approved.
        try await gateway.execute("UPDATE payouts SET scheduled_for = now() + interval '1 day' WHERE reference = 'item-2'")

        let approved = try await gateway.decide(id, "approve", key: checker, idempotencyKey: "approve-1")
        #expect(approved.status == 200)
        // The same request again (its answer lost on the way): the first answer, not a 409.
        let retried = try await gateway.decide(id, "approve", key: checker, idempotencyKey: "approve-1")
        #expect(retried.status == 200)
        #expect(retried.body == approved.body)
        #expect(retried.headers["idempotent-replayed"] == "true")
        #expect(try await gateway.decide(id, "reject", key: checker, idempotencyKey: "approve-1").json["code"] as? String
                == "idempotency_key_reused")
        #expect(approved.json["status"] as? String == "processing")
        #expect(approved.json["approved_by"] as? String == "checker")
        #expect(approved.json["approved_at"] is String)
        #expect(try await gateway.count("SELECT count(*) FROM payouts WHERE batch_id = '\(id)' AND status = 'pending'") == 2)
        #expect(try await gateway.count("SELECT count(*) FROM outbox") == 3)
        #expect(try await gateway.column("SELECT DISTINCT actor || ' ' || detail FROM payout_events WHERE status = 'pending'") == ["checker batch approved"])
        #expect(try await gateway.column("""
            SELECT e.status FROM payout_events e JOIN payouts p ON p.id = e.payout_id WHERE p.reference = 'item-2' ORDER BY e.id
            """) == ["awaiting_approval", "pending", "scheduled"])
        #expect(try await gateway.count("""
            SELECT count(*) FROM outbox o JOIN payouts p ON p.id = o.payout_id
            WHERE p.reference = 'item-2' AND p.status = 'scheduled' AND o.available_at = p.scheduled_for
            """) == 1)

        let again = try await gateway.decide(id, "approve", key: checker)
        #expect(again.status == 409)
        #expect(again.json["code"] as? String == "batch_not_awaiting_approval")
        #expect(again.json["batch_status"] as? String == "processing")
        #expect(try await gateway.decide(id, "reject", key: checker).status == 409)
        #expect(try await gateway.count("SELECT count(*) FROM outbox") == 3)
        try await gateway.stop()
    }

    @Test func rejectingCancelsEveryPayoutAndReleasesItsHold() async throws {
        let gateway = try await GatewayHarness.start()
        try await gateway.subscribeToEverything()
        let maker = try await gateway.key([.payoutsWrite, .payoutsRead])
        let checker = try await gateway.key([.payoutsApprove, .ledgerRead], name: "checker")
        let id = try #require(try await gateway.createBatch(batchBody(approval: "required", items: batchItems(3)), key: maker).json["id"] as? String)
        // One payout withdrawn on its own first: it stays cancelled and its hold is not voided twice.
        let first = try #require(try await gateway.column("SELECT id FROM payouts WHERE reference = 'item-0'").first.flatMap { $0 })
        let cancel = try await gateway.request("POST", "/v1/payouts/\(first)/cancel",
                                               headers: ["Authorization": "Bearer \(maker)", "Idempotency-Key": "c"])
        #expect(cancel.status == 200)

        let rejected = try await gateway.decide(id, "reject", key: checker)
        #expect(rejected.status == 200)
        #expect(rejected.json["status"] as? String == "rejected")
        #expect(rejected.json["rejected_by"] as? String == "checker")
        #expect(rejected.json["completed_at"] is String)
        let cancelled = (rejected.json["by_status"] as? [String: [String: Any]])?["cancelled"]
        #expect(cancelled?["count"] as? Int == 3)
        #expect(cancelled?["amount"] as? String == "60000.00")
        #expect(try await gateway.count("SELECT count(*) FROM ledger_postings WHERE status = 'voided'") == 6)
        #expect(try await gateway.count("SELECT count(*) FROM ledger_postings WHERE status <> 'voided'") == 0)
        #expect(try await gateway.column("SELECT detail FROM payout_events WHERE status = 'cancelled' ORDER BY id")
                == ["cancelled by request", "batch rejected", "batch rejected"])
        let balances = try await gateway.get("/v1/balances", key: checker)
        for balance in try #require(balances.json["data"] as? [[String: Any]]) {
            #expect(balance["pending_debits"] as? String == "0.00")
            #expect(balance["pending_credits"] as? String == "0.00")
        }
        #expect(try await gateway.decide(id, "approve", key: checker).status == 409)
        // No batch.completed for a rejected batch: it never ran.
        #expect(try await gateway.count("SELECT count(*) FROM webhook_events") == 0)
        try await gateway.stop()
    }

    @Test(arguments: [
        (["succeeded", "succeeded", "succeeded"], "succeeded"),
        (["succeeded", "failed", "cancelled"], "partially_succeeded"),
        (["failed", "cancelled", "failed"], "failed"),
    ])
    func aBatchEndsWhenItsLastPayoutEnds(finals: [String], expected: String) async throws {
        let gateway = try await GatewayHarness.start()
        try await gateway.subscribeToEverything()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let id = try #require(try await gateway.createBatch(batchBody(items: batchItems(3)), key: key).json["id"] as? String)
        try await gateway.execute("UPDATE payouts SET status = 'processing' WHERE batch_id = '\(id)' AND reference <> 'item-2'")
        for (index, status) in finals.enumerated() {
            #expect(try await gateway.column("SELECT status FROM payout_batches") == ["processing"])
            try await gateway.execute("UPDATE payouts SET status = '\(status)' WHERE reference = 'item-\(index)'")
        }
        let shown = try await gateway.get("/v1/payout-batches/\(id)", key: key)
        #expect(shown.json["status"] as? String == expected)
        #expect(shown.json["completed_at"] is String)
        let events = try await gateway.column("SELECT payload::text FROM webhook_events WHERE type = 'batch.completed' AND batch_id = '\(id)'")
        #expect(events.count == 1)
        // The event carries the batch exactly as GET answers it.
        let payload = try JSONSerialization.jsonObject(with: Data((events.first.flatMap { $0 } ?? "").utf8))
        #expect((payload as? NSDictionary)?.isEqual(to: shown.json) == true)
        // A later change to a final payout (never done by the gateway) does not end it twice.
        try await gateway.execute("UPDATE payouts SET status = 'failed' WHERE reference = 'item-0'")
        #expect(try await gateway.count("SELECT count(*) FROM webhook_events") == 1)
        try await gateway.stop()
    }

    /// The dispatcher announces a payout in the transaction that ends it; the batch it ends is
    /// announced after it, so a receiver hears of the last payout before the batch.
    @Test func theBatchIsAnnouncedAfterItsLastPayout() async throws {
        let gateway = try await GatewayHarness.start()
        try await gateway.subscribeToEverything()
        let key = try await gateway.key([.payoutsWrite])
        let id = try #require(try await gateway.createBatch(batchBody(items: batchItems(1)), key: key).json["id"] as? String)
        try await gateway.execute("UPDATE payouts SET status = 'processing' WHERE batch_id = '\(id)'")
        try await gateway.app.pool.withTransaction { connection in
            try connection.execute("UPDATE payouts SET status = 'succeeded' WHERE batch_id = $1", [.text(id)])
            _ = try connection.query("SELECT webhook_event('payout.succeeded', NULL, NULL, '{}'::jsonb)")
        }
        #expect(try await gateway.column("SELECT type FROM webhook_events ORDER BY id") == ["payout.succeeded", "batch.completed"])
        try await gateway.stop()
    }

    @Test func theLastTwoPayoutsEndingAtOnceEndTheBatchOnce() async throws {
        let gateway = try await GatewayHarness.start(environment: ["DATABASE_POOL_SIZE": "8"])
        try await gateway.subscribeToEverything()
        let key = try await gateway.key([.payoutsWrite])
        var batches: [String] = []
        for round in 0..<12 {
            let body = batchBody(items: batchItems(2, prefix: "r\(round)"))
            batches.append(try #require(try await gateway.createBatch(body, key: key).json["id"] as? String))
        }
        try await gateway.execute("UPDATE payouts SET status = 'processing'")
        let pool = gateway.app.pool
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for (round, _) in batches.enumerated() {
                // At most as many at once as the pool has connections: on a busy machine 24
                // callers queued for 8 connections have waited past the pool's 5 s acquire timeout.
                // The two of a batch are started together, so they still overlap.
                if running == 8 {
                    try await group.next()
                    try await group.next()
                    running -= 2
                }
                running += 2
                for item in 0..<2 {
                    group.addTask {
                        // Each payout ends in its own transaction, as a dispatcher ends it, and holds
                        // the transaction open a moment so the two of a batch overlap.
                        try await pool.withTransaction { connection in
                            _ = try connection.execute("UPDATE payouts SET status = 'succeeded' WHERE reference = $1",
                                                       [.text("r\(round)-\(item)")])
                            _ = try connection.query("SELECT pg_sleep(0.05)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await gateway.count("SELECT count(*) FROM payout_batches WHERE status = 'succeeded'") == batches.count)
        #expect(try await gateway.count("SELECT count(*) FROM webhook_events WHERE type = 'batch.completed'") == batches.count)
        #expect(try await gateway.count("SELECT count(DISTINCT batch_id) FROM webhook_events") == batches.count)
        try await gateway.stop()
    }
}

extension GatewayHarness {
    func execute(_ sql: String) async throws {
        _ = try await app.pool.withConnection { try $0.execute(sql) }
    }
}
