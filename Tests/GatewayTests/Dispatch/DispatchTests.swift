import Crypto
import Foundation
@testable import Gateway
import Payouts
import ProviderSimulators
import Testing
import TestSupport

/// Payouts sent through the real simulators over loopback, followed to their end.
@Suite(.serialized) struct DispatchTests {
    @Test func eachProviderPaysAndPostsTheLedger() async throws {
        let harness = try await DispatchHarness.start()
        try await harness.gateway.subscribeToEverything()
        let cases: [(provider: String, account: String)] = [
            ("duitku", "8760673566"), ("durianpay", "1234567890"), ("doku", "1234567890"), ("singapay", "1000123456"),
        ]
        for (index, item) in cases.enumerated() {
            let amount = Int64(150_000 + index)
            let id = try await harness.pay(amount: amount, account: item.account, provider: item.provider)
            let payout = try await harness.wait(id)
            #expect(payout["status"] as? String == "succeeded", "\(item.provider): \(payout)")
            #expect(payout["provider"] as? String == item.provider)
            #expect(try await harness.attempts(id) == ["\(item.provider)/succeeded"])
            let journals = try await harness.journals(id)
            #expect(journals.filter { !$0.hasPrefix("\(id):fee") } == ["\(id):hold=posted", "\(id):route:1=posted"])
            #expect(harness.sandbox.executedAmounts.filter { $0 == amount }.count == 1)
            let events = try await harness.gateway.column("SELECT type FROM webhook_events WHERE payout_id = '\(id)' ORDER BY id")
            #expect(events == ["payout.processing", "payout.succeeded"])
        }
        try await harness.stop()
    }

    @Test func refusedConnectionFailsOverToTheNextCandidate() async throws {
        let harness = try await DispatchHarness.start(duitkuFault: .refuseConnections)
        let id = try await harness.pay(account: "8760673566")
        let payout = try await harness.wait(id)
        #expect(payout["status"] as? String == "succeeded")
        let attempts = try await harness.attempts(id)
        #expect(attempts.first == "duitku/failed")
        #expect(attempts.count == 2 && attempts[1].hasSuffix("/succeeded"))
        let journals = try await harness.journals(id)
        #expect(journals.contains("\(id):route:1=voided") && journals.contains("\(id):route:2=posted"))
        #expect(harness.sandbox.duitku.executedTransfers.isEmpty)
        try await harness.stop()
    }

    @Test func beneficiaryRefusalEndsThePayoutWithoutFailover() async throws {
        let harness = try await DispatchHarness.start()
        let id = try await harness.pay(account: "9999123456", provider: "durianpay")
        let payout = try await harness.wait(id)
        #expect(payout["status"] as? String == "failed")
        let failure = payout["failure"] as? [String: Any]
        #expect(failure?["provider"] as? String == "durianpay")
        #expect(try await harness.attempts(id) == ["durianpay/failed"])
        #expect(try await harness.journals(id) == ["\(id):hold=voided", "\(id):route:1=voided"])
        #expect(harness.sandbox.executedAmounts.isEmpty)
        try await harness.stop()
    }

    @Test func ambiguousTransferIsReconciledByStatusNeverResent() async throws {
        let harness = try await DispatchHarness.start(environment: ["RECONCILE_DEADLINE_SECONDS": "10"])
        // Duitku's sandbox: transfer answers TO (the bank did pay, and the first status check
        // answers NF before the payment is recorded) or -100 (it did not: status answers NF for
        // ever). NF is no proof of either, so the second is never failed over: a person looks.
        let paid = try await harness.pay(amount: 150_001, account: "8760673561", provider: "duitku", clearing: "online")
        let unpaid = try await harness.pay(amount: 150_002, account: "8760673565", provider: "duitku", clearing: "online")
        #expect(try await harness.wait(paid)["status"] as? String == "succeeded")
        #expect(try await harness.wait(unpaid, timeout: .seconds(30))["status"] as? String == "needs_review")
        #expect(try await harness.attempts(paid) == ["duitku/succeeded"])
        #expect(try await harness.attempts(unpaid) == ["duitku/unknown"])
        #expect(try await harness.journals(unpaid).allSatisfy { $0.hasSuffix("=pending") })
        #expect(harness.sandbox.executedAmounts.sorted() == [150_001])
        let checks = try await harness.gateway.column("SELECT checks::text FROM payout_attempts WHERE payout_id = '\(paid)'")
        #expect((Int(checks.first.flatMap { $0 } ?? "0") ?? 0) >= 2)
        try await harness.stop()
    }

    /// A Syariah unit goes by its parent's code in 3-digit schemes: the adapter sends the code routing
    /// chose (Permata's 013), not nothing (Duitku once refused the unit as having no code).
    @Test func aSyariahUnitIsSentUnderTheCodeRoutingChose() async throws {
        let harness = try await DispatchHarness.start()
        let id = try await harness.pay(amount: 150_007, bank: "permata_syariah", account: "8760673567", provider: "duitku",
                                       clearing: "online")
        #expect(try await harness.wait(id)["status"] as? String == "succeeded")
        #expect(harness.sandbox.duitku.executedTransfers.map(\.bank) == ["013"])
        try await harness.stop()
    }

    @Test func answerLostAfterExecutionIsReconciledToTheTruth() async throws {
        let harness = try await DispatchHarness.start(singapayFault: .answerLateAfterExecuting(.seconds(3)))
        let id = try await harness.pay(amount: 150_003, account: "1000123456", provider: "singapay")
        let payout = try await harness.wait(id)
        #expect(payout["status"] as? String == "succeeded")
        #expect(try await harness.attempts(id) == ["singapay/succeeded"])
        #expect(harness.sandbox.singapay.executedTransfers.count == 1)
        try await harness.stop()
    }

    /// `execute: immediately` stays with the payout: a batch approved after its item's rail has
    /// closed fails that item `no_route`, as creating it then would have been refused, instead of
    /// scheduling it for the next window.
    @Test func aPayoutThatMustNotWaitFailsOnceItsRailHasClosed() async throws {
        // Closed on weekends and all but 00:00-00:01 WIB of business days (custom windows are
        // business days only); the one open minute is left out.
        let minuteWIB = (Timestamp.now().microsecondsSinceEpoch / 60_000_000 + 7 * 60) % (24 * 60)
        guard minuteWIB >= 3 else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("routing-\(UUID().uuidString).json")
        try Data(#"{"providers":{"duitku":{"clearings":{"bifast":{"window":{"opens":"00:00","closes":"00:01"}}}}}}"#.utf8)
            .write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let sandbox = try Sandbox.start()
        // Created while BI-FAST is open (its default, around the clock), to be approved later.
        let creator = try await GatewayHarness.start(environment: sandbox.environment)
        let maker = try await creator.key([.payoutsWrite, .payoutsRead])
        let checker = try await creator.key([.payoutsApprove])
        let item = payoutBody(reference: "now-0", extra: #","provider":"duitku","clearing":"bifast","execute":"immediately""#)
        let created = try await creator.createBatch(batchBody(approval: "required", items: [item]), key: maker)
        let batch = try #require(created.json["id"] as? String, "\(created.body)")
        await creator.app.shutdown()
        // The same database, now served by a gateway whose BI-FAST window has closed.
        let configuration = try Configuration.load(from: [
            "DATABASE_URL": creator.database.url, "HOST": "127.0.0.1", "EVENT_LOOPS": "1", "DATABASE_POOL_SIZE": "4",
            "DISPATCH_WORKERS": "2", "RECONCILE_BACKOFF_MS": "100", "ROUTING_FILE": file.path,
        ].merging(sandbox.environment) { $1 })
        let app = try Application(configuration: configuration, logger: Logger(sink: LogSink(descriptor: -1)))
        app.start()
        let gateway = GatewayHarness(database: creator.database, app: app)
        #expect(try await gateway.decide(batch, "approve", key: checker).status == 200)
        var status: String?
        for _ in 0..<200 where status != "failed" {
            status = try await gateway.column("SELECT status FROM payouts WHERE reference = 'now-0'").first ?? nil
            if status != "failed" { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(status == "failed")
        #expect(try await gateway.column("SELECT failure->>'code' FROM payouts") == ["no_route"])
        #expect(try await gateway.column("SELECT count(*)::text FROM payout_attempts") == ["0"])
        try await gateway.stop()
        await sandbox.stop()
    }

    @Test func duitkuHostToHostCompletesByCallback() async throws {
        // H2H follows bank hours; open it around the clock so the test does not depend on the day.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("routing-\(UUID().uuidString).json")
        try Data(#"{"providers":{"duitku":{"clearings":{"h2h":{"window":"24/7"}}}}}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let harness = try await DispatchHarness.start(environment: ["ROUTING_FILE": file.path])
        let id = try await harness.pay(amount: 150_004, bank: "009", account: "8760673466", provider: "duitku", clearing: "h2h")
        #expect(try await harness.wait(id)["status"] as? String == "succeeded")
        // The callback settled it: it is stored with that effect.
        _ = try await harness.storedCallback(id, effect: "succeeded")
        try await harness.stop()
    }

    @Test func durianpayWebhookCompletesAndRepeatsChangeNothing() async throws {
        let harness = try await DispatchHarness.start()
        // 7777…: the item stays processing until the dashboard completes it.
        let id = try await harness.pay(amount: 150_005, account: "7777123456", provider: "durianpay")
        _ = try await harness.wait(id, for: ["processing"])
        var batch: String?
        for _ in 0..<100 where batch == nil {
            batch = try await harness.gateway.column("SELECT provider_transaction_id FROM payout_attempts WHERE payout_id = '\(id)'")
                .first.flatMap { $0 }
            if batch == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        func post(_ text: String) async throws -> Answer {
            try await harness.gateway.request("POST", "/v1/callbacks/durianpay", headers: ["Content-Type": "application/json"],
                                              body: text)
        }
        // The signature covers only the batch id and amount: a copy of the first webhook
        // (validation done, item processing) edited to say the item is done is asked about, not believed.
        let early = try await harness.storedCallback(id, effect: "noted")
        #expect(try await post(Self.durianpayWebhook(completing: early, status: "done")).status == 200)
        #expect(try await harness.gateway.get("/v1/payouts/\(id)", key: harness.key).json["status"] as? String == "processing")
        #expect(harness.sandbox.durianpay.executedTransfers.isEmpty)

        harness.sandbox.durianpay.complete(batchID: try #require(batch), succeeded: true)
        #expect(try await harness.wait(id)["status"] as? String == "succeeded")

        let body = try await harness.storedCallback(id, effect: "succeeded")
        // The same webhook again; then older and contradicting news, which a status check overrules.
        #expect(try await post(body).status == 200)
        #expect(try await post(body.replacingOccurrences(of: #""done""#, with: #""processing""#)).status == 200)
        #expect(try await post(body.replacingOccurrences(of: #""done""#, with: #""failed""#)).status == 200)
        let effects = try await harness.gateway.column(
            "SELECT effect FROM provider_callbacks WHERE payout_id = '\(id)' ORDER BY id")
        #expect(effects == ["noted", "noted", "succeeded", "unchanged", "unchanged", "unchanged"])
        #expect(try await harness.wait(id)["status"] as? String == "succeeded")
        #expect(try await harness.journals(id).allSatisfy { $0.hasSuffix("=posted") })

        // A bad signature changes nothing and is refused; a callback for no known attempt is kept.
        let forged = try await post(body.replacingOccurrences(of: #""signature":""#, with: #""signature":"00"#))
        #expect(forged.status == 401)
        #expect(forged.headers["content-type"] == "application/problem+json")
        let stranger = try await post(Self.durianpayWebhook(like: body, batchID: "dis_unknown1", name: "unknownref1a1"))
        #expect(stranger.status == 200)
        // Ids holding U+0000, which PostgreSQL text cannot, name no attempt of ours; the callback is kept all the same.
        let odd = try await post(Self.durianpayWebhook(like: body, batchID: "dis_\u{0}odd", name: "odd\u{0}ref1a1"))
        #expect(odd.status == 200)
        // Signed, but without the batch name that would match it: kept for a person and
        // acknowledged, not refused as if forged (a retry would read no better).
        let nameless = try await post(Self.durianpayWebhook(like: body, batchID: "dis_nameless1", name: ""))
        #expect(nameless.status == 200)
        let unmatched = try await harness.gateway.column(
            "SELECT effect || ' ' || provider_reference FROM provider_callbacks WHERE payout_id IS NULL ORDER BY id")
        #expect(unmatched == ["unknown_attempt unknownref1a1", "unknown_attempt odd\u{FFFD}ref1a1", "unreadable "])
        // An event not about a disbursement (the sample sent when the URL is registered): 200, kept, nothing read.
        #expect(try await post(#"{"event":"webhook.test","data":{"id":"x"},"retry_count":0}"#).status == 200)
        #expect(try await harness.gateway.column("SELECT effect FROM provider_callbacks WHERE payout_id IS NULL ORDER BY id DESC LIMIT 1")
                == ["ignored"])
        #expect(try await harness.gateway.column("SELECT count(*)::text FROM provider_callbacks WHERE effect = 'succeeded'") == ["1"])
        try await harness.stop()
    }

    /// `body` for another batch, signed as Durianpay signs (HMAC-SHA256 of `id|total_amount`).
    /// A validation webhook turned into a completion with `status` for every item, signed as
    /// Durianpay would sign it (id and amount only), as someone holding one genuine webhook could.
    static func durianpayWebhook(completing body: String, status: String) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        var data = try #require(object["data"] as? [String: Any])
        let lines = try #require(data["valid_disbursements"] as? [[String: Any]])
        object["event"] = "disbursement.completed"
        data["total_amount"] = data["amount"]
        data["status"] = "completed"
        data["item_status"] = lines.map { ["id": $0["id"] ?? "", "status": status] }
        object["data"] = data
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static func durianpayWebhook(like body: String, batchID: String, name: String) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        var data = try #require(object["data"] as? [String: Any])
        let amount = try #require(data["total_amount"] as? String)
        data["id"] = batchID
        data["name"] = name
        data["signature"] = Hex.encode(HMAC.sha256(key: "dp_test_XXXXXXXXXXXX", message: batchID + "|" + amount))
        object["data"] = data
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func outcomeNotEstablishedInTimeNeedsReview() async throws {
        let harness = try await DispatchHarness.start(environment: ["RECONCILE_DEADLINE_SECONDS": "10"])
        try await harness.gateway.subscribeToEverything()
        // SingaPay's sandbox leaves accounts outside its scenario prefixes pending for ever.
        let id = try await harness.pay(amount: 150_006, account: "2000123456", provider: "singapay")
        let payout = try await harness.wait(id, timeout: .seconds(30))
        #expect(payout["status"] as? String == "needs_review")
        #expect(try await harness.journals(id).allSatisfy { $0.hasSuffix("=pending") })
        let listed = try await harness.gateway.get("/v1/payouts?status=needs_review", key: harness.key)
        #expect((listed.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
        let events = try await harness.gateway.column("SELECT type FROM webhook_events WHERE payout_id = '\(id)' ORDER BY id")
        #expect(events == ["payout.processing", "payout.needs_review"])
        try await harness.stop()
    }

    /// A step that throws every time (here the database refuses every attempt row) does not leave
    /// its payout open for ever: once its steps have failed for longer than the reconcile
    /// deadline, the payout is in review, with nothing sent and its hold kept.
    @Test func aPayoutWhoseStepsKeepFailingGoesToReview() async throws {
        let harness = try await DispatchHarness.start(environment: ["RECONCILE_DEADLINE_SECONDS": "10"])
        try await harness.gateway.execute("""
            CREATE FUNCTION refuse_attempts() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'attempts refused by the test'; END $$
            """)
        try await harness.gateway.execute("""
            CREATE TRIGGER refuse_attempts BEFORE INSERT ON payout_attempts FOR EACH ROW EXECUTE FUNCTION refuse_attempts()
            """)
        let id = try await harness.pay(amount: 150_009, account: "8760673566", provider: "duitku")
        let payout = try await harness.wait(id, timeout: .seconds(40))
        #expect(payout["status"] as? String == "needs_review")
        #expect(try await harness.attempts(id).isEmpty)
        #expect(try await harness.journals(id) == ["\(id):hold=pending"])
        #expect(harness.sandbox.executedAmounts.isEmpty)
        let events = try await harness.gateway.column("SELECT status FROM payout_events WHERE payout_id = '\(id)' ORDER BY id")
        #expect(events == ["pending", "needs_review"])
        try await harness.stop()
    }

    @Test func validateAccountFailsEarlyOnANameMismatch() async throws {
        let harness = try await DispatchHarness.start()
        // Duitku's sandbox inquiry names every account "Test Account".
        let body = payoutBody(amount: "150007", accountNumber: "8760673566", accountName: "Budi Santoso",
                              extra: #","provider":"duitku","validate_account":true"#)
        let created = try await harness.gateway.createPayout(body, key: harness.key)
        let id = try #require(created.json["id"] as? String)
        let payout = try await harness.wait(id)
        #expect(payout["status"] as? String == "failed")
        #expect((payout["failure"] as? [String: Any])?["code"] as? String == "name_mismatch")
        #expect(try await harness.attempts(id).isEmpty)
        #expect(try await harness.journals(id) == ["\(id):hold=voided"])

        let matching = payoutBody(amount: "150008", accountNumber: "8760673566", accountName: "Test Account",
                                  extra: #","provider":"duitku","validate_account":true"#)
        let paid = try #require(try await harness.gateway.createPayout(matching, key: harness.key).json["id"] as? String)
        #expect(try await harness.wait(paid)["status"] as? String == "succeeded")
        try await harness.stop()
    }

    /// A batch's payout can be sent from its approval: a checker approving hours after the maker
    /// must not have its payouts failed on the first account check no provider answers, as if
    /// they had waited since the batch was made.
    @Test func aBatchApprovedLateWaitsForAnUnansweredAccountCheck() async throws {
        let closed = "http://127.0.0.1:9"  // every provider that checks accounts refuses connections
        let harness = try await DispatchHarness.start(environment: [
            "RECONCILE_DEADLINE_SECONDS": "10", "DUITKU_BASE_URL": closed, "DURIANPAY_BASE_URL": closed, "SINGAPAY_BASE_URL": closed,
        ])
        let item = payoutBody(amount: "150009", extra: #","provider":"duitku","validate_account":true"#)
        let created = try await harness.gateway.createBatch(batchBody(approval: "required", items: [item]), key: harness.key)
        #expect(created.status == 202, "\(created.body)")
        let batch = try #require(created.json["id"] as? String)
        let id = try #require((created.json["payouts"] as? [[String: Any]])?.first?["id"] as? String)
        _ = try await harness.gateway.column("UPDATE payouts SET created_at = created_at - interval '2 hours' WHERE id = '\(id)'")
        let checker = try await harness.gateway.key([.payoutsApprove])
        #expect(try await harness.gateway.decide(batch, "approve", key: checker).status == 200)
        // Several checks go unanswered within the first seconds (backoff 100 ms); each leaves it waiting.
        try await Task.sleep(for: .seconds(3))
        let waiting = try await harness.gateway.get("/v1/payouts/\(id)", key: harness.key).json
        #expect(waiting["status"] as? String == "pending", "\(waiting)")
        // The deadline, counted from the approval, still ends the wait.
        let ended = try await harness.wait(id, timeout: .seconds(30))
        #expect(ended["status"] as? String == "failed")
        #expect((ended["failure"] as? [String: Any])?["code"] as? String == "provider_unavailable")
        #expect(try await harness.attempts(id).isEmpty)
        try await harness.stop()
    }

    @Test func bankListRefreshNarrowsDuitkuToWhatItLists() async throws {
        // The sandbox's listBank is Duitku's documented sample: BCA, BRI and OVO only.
        let harness = try await DispatchHarness.start(environment: ["ROUTING_REFRESH_MINUTES": "60"])
        /// Whether Duitku reaches `bank` per `GET /v1/banks`; nil when the answer could not be read.
        func duitkuRoutes(_ bank: String) async throws -> Bool? {
            let banks = try await harness.gateway.get("/v1/banks", key: harness.key)
            guard banks.status == 200, let data = banks.json["data"] as? [[String: Any]] else { return nil }
            let entry = data.first { ($0["bank"] as? [String: Any])?["id"] as? String == bank }
            let routes = entry?["routes"] as? [[String: Any]] ?? []
            return routes.contains { $0["provider"] as? String == "duitku" }
        }
        var narrowed = false
        for _ in 0..<100 where !narrowed {
            narrowed = try await duitkuRoutes("mandiri") == false
            if !narrowed { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(narrowed, "Duitku still routes to Mandiri, which its list does not name")
        #expect(try await duitkuRoutes("bca") == true)
        try await harness.stop()
    }

    @Test func unknownProviderCallbackIsNotFound() async throws {
        let harness = try await DispatchHarness.start()
        let answer = try await harness.gateway.request("POST", "/v1/callbacks/paypal", body: "{}")
        #expect(answer.status == 404)
        let bad = try await harness.gateway.request("POST", "/v1/callbacks/duitku", body: "not json")
        #expect(bad.status == 401)
        #expect(try await harness.gateway.column("SELECT count(*)::text FROM provider_callbacks") == ["0"])
        try await harness.stop()
    }
}

