import Foundation
@testable import Gateway
import Payouts
import Postgres
import Store
import Testing

@Suite struct WebhookDeliveryTests {
    @Test func deliversSignedEventsTheReceiverCanVerify() async throws {
        let receiver = try WebhookReceiver()
        let gateway = try await GatewayHarness.start(environment: ["DISPATCH_WORKERS": "1"])
        let admin = try await gateway.key([.admin])
        let created = try await gateway.createEndpoint(url: receiver.url, events: ["payout.succeeded"], key: admin)
        let secret = try #require(created.json["signing_secret"] as? String)
        let event = try #require(try await gateway.recordEvent("payout.succeeded"))
        #expect(await eventually { receiver.received.count == 1 })
        let received = try #require(receiver.received.first)
        let now = Timestamp.now().microsecondsSinceEpoch / 1_000_000
        let signature = try #require(received.headers["Webhook-Signature"])
        #expect(WebhookSignature.verify(header: signature, body: received.body, secret: secret, nowUnixSeconds: now))
        #expect(!WebhookSignature.verify(header: signature, body: received.body, secret: secret, nowUnixSeconds: now + 400))
        #expect(received.headers["Webhook-Id"] == "evt_\(event)")
        #expect(received.headers["Content-Type"] == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(received.body)) as? [String: Any])
        #expect(json["id"] as? String == "evt_\(event)")
        #expect(json["type"] as? String == "payout.succeeded")
        #expect((json["created_at"] as? String)?.hasSuffix("Z") == true)
        #expect((json["data"] as? [String: Any])?["id"] as? String == "po_test")
        #expect(try await eventually { try await gateway.column("SELECT status FROM webhook_deliveries") == ["delivered"] })
        let listed = try await gateway.get("/v1/webhook-deliveries", key: admin)
        let delivery = try #require((listed.json["data"] as? [[String: Any]])?.first)
        #expect(delivery["status"] as? String == "delivered" && delivery["attempts"] as? Int == 1)
        #expect(delivery["event_id"] as? String == "evt_\(event)" && delivery["last_response_status"] as? Int == 200)
        #expect(delivery["delivered_at"] is String && delivery["next_attempt_at"] is NSNull)
        try await gateway.stop()
        await receiver.stop()
    }

    @Test func aNotificationWakesTheSenderLongBeforeItWouldPoll() async throws {
        let receiver = try WebhookReceiver()
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: receiver.url, events: ["payout.needs_review"], key: admin)
        let deliverer = gateway.deliverer(pollInterval: .seconds(120))
        let running = Task { await deliverer.run() }
        // Its first look finds nothing; from then on only a NOTIFY can bring it back within the test.
        try await Task.sleep(for: .milliseconds(500))
        for _ in 0..<10 where receiver.received.isEmpty {
            try await gateway.recordEvent("payout.needs_review")
            _ = await eventually(seconds: 1) { !receiver.received.isEmpty }
        }
        #expect(!receiver.received.isEmpty)
        running.cancel()
        await running.value
        try await gateway.stop()
        await receiver.stop()
    }

    /// Nothing pending has no due time, so an idle sender sleeps until its poll or a NOTIFY;
    /// "due now" kept it claiming and asking again in a loop, two queries a turn, while idle.
    @Test func onlyAPendingDeliveryHasADueTime() async throws {
        let gateway = try await GatewayHarness.start()
        let store = WebhookStore(pool: gateway.app.pool)
        #expect(try await store.nextDue() == nil)
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: "http://127.0.0.1:9/hook", events: ["payout.failed"], key: admin)
        try await gateway.recordEvent("payout.failed")
        #expect(try await store.nextDue() == .zero)
        // An hour ahead: the check must hold however slowly a loaded machine runs the two statements.
        _ = try await gateway.column("UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 hour'")
        let later = try #require(try await store.nextDue())
        #expect(later > .seconds(3000) && later <= .seconds(3600))
        _ = try await gateway.column("UPDATE webhook_deliveries SET status = 'delivered', next_attempt_at = NULL")
        #expect(try await store.nextDue() == nil)
        try await gateway.stop()
    }

    /// A name that resolves only to loopback is not dialled unless WEBHOOK_ALLOW_PRIVATE_URLS is
    /// set: the try is recorded as failed, and the receiver hears nothing.
    @Test func aNameResolvingToLoopbackIsNotDialled() async throws {
        let receiver = try WebhookReceiver()
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        let url = receiver.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        #expect(try await gateway.createEndpoint(url: url, events: ["payout.failed"], key: admin).status == 201)
        try await gateway.recordEvent("payout.failed")
        #expect(try await gateway.deliverer(allowsPrivateURLs: false).sendDue() == 1)
        #expect(try await gateway.column("SELECT last_error FROM webhook_deliveries")
            == ["request not sent: address refused: localhost resolves only to loopback, private or reserved addresses"])
        #expect(receiver.received.isEmpty)
        _ = try await gateway.column("UPDATE webhook_deliveries SET next_attempt_at = now()")
        #expect(try await gateway.deliverer(allowsPrivateURLs: true).sendDue() == 1)
        #expect(await eventually { receiver.received.count == 1 })
        try await gateway.stop()
        await receiver.stop()
    }

    @Test func retriesAServerErrorWithBackoffAndRecordsEveryTry() async throws {
        let receiver = try WebhookReceiver(answering: [500, 503])
        let gateway = try await GatewayHarness.start(environment: ["DISPATCH_WORKERS": "1", "WEBHOOK_RETRY_BASE_MS": "50"])
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: receiver.url, events: ["payout.failed"], key: admin)
        try await gateway.recordEvent("payout.failed")
        // Generous: in the parallel stage of make test this one test once took 54 s end to end.
        #expect(try await eventually(seconds: 30) { try await gateway.column("SELECT status FROM webhook_deliveries") == ["delivered"] })
        #expect(receiver.received.count == 3)
        #expect(Set(receiver.received.map { $0.headers["Webhook-Id"] ?? "" }).count == 1)
        let id = try #require(try await gateway.column("SELECT id FROM webhook_deliveries").first ?? nil)
        let shown = try await gateway.get("/v1/webhook-deliveries/\(id)", key: admin)
        #expect(shown.json["attempts"] as? Int == 3)
        let history = try #require(shown.json["history"] as? [[String: Any]])
        #expect(history.map { $0["response_status"] as? Int } == [500, 503, 200])
        #expect(history.allSatisfy { $0["attempted_at"] is String && $0["duration_ms"] is Int })
        // Backoff: the second retry waited longer than the base delay after the first.
        let gaps = try await gateway.column("""
            SELECT (extract(epoch FROM attempted_at - lag(attempted_at) OVER (ORDER BY id)) * 1000)::bigint::text
            FROM webhook_delivery_attempts ORDER BY id
            """).compactMap { $0.flatMap { Int($0) } }
        #expect(gaps.count == 2 && gaps[0] >= 20 && gaps[1] >= 50, "\(gaps)")
        let metrics = try await gateway.request("GET", "/metrics").body
        #expect(metrics.contains(#"webhook_deliveries_total{outcome="retried"} 2"#))
        #expect(metrics.contains(#"webhook_deliveries_total{outcome="delivered"} 1"#))
        try await gateway.stop()
        await receiver.stop()
    }

    @Test func givesUpAfterTwentyFourHoursAndRecordsTheErrorWhenNobodyAnswers() async throws {
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        // Port 9 (discard) on loopback refuses: a network error, not a status.
        _ = try await gateway.createEndpoint(url: "http://127.0.0.1:9/hook", events: ["payout.failed"], key: admin)
        try await gateway.recordEvent("payout.failed")
        let metrics = Metrics()
        let deliverer = gateway.deliverer(metrics: metrics)
        #expect(try await deliverer.sendDue() == 1)
        #expect(try await gateway.column("SELECT status FROM webhook_deliveries") == ["pending"])
        #expect(try await gateway.column("SELECT (last_error IS NOT NULL AND last_response_status IS NULL)::text FROM webhook_deliveries") == ["true"])
        _ = try await gateway.column("UPDATE webhook_deliveries SET created_at = now() - interval '25 hours', next_attempt_at = now()")
        #expect(try await deliverer.sendDue() == 1)
        #expect(try await gateway.column("SELECT status || ' ' || attempts FROM webhook_deliveries") == ["failed 2"])
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_delivery_attempts WHERE error IS NOT NULL") == ["2"])
        #expect(metrics.webhookDeliveries.count("retried") == 1 && metrics.webhookDeliveries.count("failed") == 1)
        #expect(try await deliverer.sendDue() == 0)
        await deliverer.shutdown()
        try await gateway.stop()
    }

    @Test func redeliversDeliveredAndFailedOnesOnRequest() async throws {
        let receiver = try WebhookReceiver()
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        let endpoint = try #require(try await gateway.createEndpoint(url: receiver.url, events: ["payout.failed"], key: admin).json["id"] as? String)
        try await gateway.recordEvent("payout.failed")
        let deliverer = gateway.deliverer()
        #expect(try await deliverer.sendDue() == 1)
        let id = try #require(try await gateway.column("SELECT id FROM webhook_deliveries").first ?? nil)
        let headers = ["Authorization": "Bearer \(admin)", "Idempotency-Key": "again-1"]
        let again = try await gateway.request("POST", "/v1/webhook-deliveries/\(id)/redeliver", headers: headers)
        #expect(again.status == 200 && again.json["status"] as? String == "pending")
        let replay = try await gateway.request("POST", "/v1/webhook-deliveries/\(id)/redeliver", headers: headers)
        #expect(replay.body == again.body && replay.headers["idempotent-replayed"] == "true")
        #expect(try await deliverer.sendDue() == 1)
        #expect(receiver.received.count == 2)
        #expect(receiver.received[0].headers["Webhook-Id"] == receiver.received[1].headers["Webhook-Id"])
        // A failed one goes out again too.
        _ = try await gateway.column("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL")
        #expect(try await gateway.request("POST", "/v1/webhook-deliveries/\(id)/redeliver",
                                          headers: ["Authorization": "Bearer \(admin)", "Idempotency-Key": "again-2"]).status == 200)
        #expect(try await deliverer.sendDue() == 1)
        #expect(try await gateway.column("SELECT status || ' ' || attempts FROM webhook_deliveries") == ["delivered 3"])
        let missing = try await gateway.request("POST", "/v1/webhook-deliveries/wd_missing/redeliver",
                                                headers: ["Authorization": "Bearer \(admin)", "Idempotency-Key": "again-3"])
        #expect(missing.status == 404)
        _ = try await gateway.request("DELETE", "/v1/webhook-endpoints/\(endpoint)", headers: ["Authorization": "Bearer \(admin)"])
        let gone = try await gateway.request("POST", "/v1/webhook-deliveries/\(id)/redeliver",
                                             headers: ["Authorization": "Bearer \(admin)", "Idempotency-Key": "again-4"])
        #expect(gone.status == 409 && gone.json["code"] as? String == "webhook_endpoint_deleted")
        #expect(try await gateway.column("SELECT status FROM webhook_deliveries") == ["delivered"])
        // The create and the two redeliveries that queued a try; refusals keep no key.
        #expect(try await gateway.column("SELECT count(*)::text FROM idempotency_keys") == ["3"])
        await deliverer.shutdown()
        try await gateway.stop()
        await receiver.stop()
    }

    @Test func listsDeliveriesNewestFirstWithFiltersAndCursors() async throws {
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        let a = try #require(try await gateway.createEndpoint(url: "https://a.example.com", events: ["payout.failed", "payout.succeeded"],
                                                              key: admin).json["id"] as? String)
        let b = try #require(try await gateway.createEndpoint(url: "https://b.example.com", events: ["payout.failed"], key: admin)
            .json["id"] as? String)
        for type in ["payout.failed", "payout.succeeded", "payout.failed", "payout.succeeded", "payout.failed"] {
            try await gateway.recordEvent(type)
        }
        let all = try await gateway.column("SELECT id FROM webhook_deliveries ORDER BY created_at DESC, id DESC").compactMap { $0 }
        #expect(all.count == 8)
        var seen: [String] = []
        var path = "/v1/webhook-deliveries?limit=3"
        while true {
            let page = try await gateway.get(path, key: admin)
            #expect(page.status == 200, "\(page.body)")
            seen += (page.json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            guard let next = page.json["next_cursor"] as? String else { break }
            path = "/v1/webhook-deliveries?limit=3&cursor=\(next)"
        }
        #expect(seen == all)
        func count(_ query: String) async throws -> Int {
            let answer = try await gateway.get("/v1/webhook-deliveries?\(query)", key: admin)
            #expect(answer.status == 200, "\(query): \(answer.body)")
            return (answer.json["data"] as? [Any])?.count ?? -1
        }
        #expect(try await count("endpoint_id=\(a)") == 5)
        #expect(try await count("endpoint_id=\(b)") == 3)
        #expect(try await count("event_type=payout.succeeded") == 2)
        #expect(try await count("endpoint_id=\(b)&event_type=payout.succeeded") == 0)
        #expect(try await count("status=pending") == 8)
        #expect(try await count("status=delivered") == 0)
        let bad = try await gateway.get("/v1/webhook-deliveries?status=lost&event_type=payout.paid&limit=0&cursor=x&colour=red", key: admin)
        #expect(bad.status == 400)
        #expect(Set(bad.errorFields) == ["status", "event_type", "limit", "cursor", "colour"])
        try await gateway.stop()
    }

    @Test func concurrentClaimsNeverTakeTheSameDelivery() async throws {
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: "https://a.example.com", events: ["payout.failed"], key: admin)
        for _ in 0..<60 { try await gateway.recordEvent("payout.failed") }
        let store = WebhookStore(pool: gateway.app.pool)
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var mine: [String] = []
                    for _ in 0..<10 {
                        mine += try await store.claim(limit: 3, token: "worker-\(worker)", lease: .seconds(60)).map(\.id)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        let everything = claims.flatMap { $0 }
        #expect(everything.count == 60 && Set(everything).count == 60)
        // Leased deliveries are not due again until the lease runs out.
        #expect(try await store.claim(limit: 10, token: "late", lease: .seconds(60)).isEmpty)
        _ = try await gateway.column("UPDATE webhook_deliveries SET lease_until = now() - interval '1 second'")
        #expect(try await store.claim(limit: 100, token: "late", lease: .seconds(60)).count == 60)
        try await gateway.stop()
    }

    @Test func twoDeliverersSendEachDeliveryOnce() async throws {
        let receiver = try WebhookReceiver()
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: receiver.url, events: ["payout.succeeded"], key: admin)
        for _ in 0..<40 { try await gateway.recordEvent("payout.succeeded") }
        let first = gateway.deliverer()
        let second = gateway.deliverer()
        async let one: Void = { while try await first.sendDue() > 0 {} }()
        async let two: Void = { while try await second.sendDue() > 0 {} }()
        _ = try await (one, two)
        let ids = receiver.received.compactMap { $0.headers["Webhook-Id"] }
        #expect(ids.count == 40 && Set(ids).count == 40)
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_deliveries WHERE status = 'delivered' AND attempts = 1") == ["40"])
        await first.shutdown()
        await second.shutdown()
        try await gateway.stop()
        await receiver.stop()
    }

    /// With every slot sending, the sender waits for a send to end (not polling the database
    /// every millisecond, as it did), and takes the next due delivery as soon as one does.
    @Test func aFullSenderTakesTheNextDeliveryWhenASendEnds() async throws {
        let receiver = try WebhookReceiver(holding: true)
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: receiver.url, events: ["payout.failed"], key: admin)
        try await gateway.recordEvent("payout.failed")
        try await gateway.recordEvent("payout.failed")
        let deliverer = gateway.deliverer(pollInterval: .seconds(120), batch: 1)
        let running = Task { await deliverer.run() }
        #expect(await eventually { receiver.received.count == 1 })
        try await Task.sleep(for: .milliseconds(300))
        #expect(receiver.received.count == 1)  // one slot: the second waits
        receiver.release()
        #expect(await eventually(seconds: 30) { receiver.received.count == 2 })  // far less than the 120 s poll
        #expect(try await eventually { try await gateway.column("SELECT DISTINCT status FROM webhook_deliveries") == ["delivered"] })
        running.cancel()
        await running.value
        try await gateway.stop()
        await receiver.stop()
    }

    /// A receiver that does not answer holds the sends made to it, not the deliverer: another
    /// endpoint's event goes out while the first receiver is still stuck.
    @Test func aStuckReceiverDoesNotHoldBackOtherEndpoints() async throws {
        let stuck = try WebhookReceiver(holding: true)
        let healthy = try WebhookReceiver()
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: stuck.url, events: ["payout.failed"], key: admin)
        _ = try await gateway.createEndpoint(url: healthy.url, events: ["payout.succeeded"], key: admin)
        for _ in 0..<16 { try await gateway.recordEvent("payout.failed") }
        try await gateway.recordEvent("payout.succeeded")
        let deliverer = gateway.deliverer()
        let running = Task { await deliverer.run() }
        // Before, a round waited for all its sends: the held ones ran into the 15 s read timeout first.
        #expect(await eventually(seconds: 12) { healthy.received.count == 1 })
        #expect(!stuck.received.isEmpty)
        stuck.release()
        running.cancel()
        await running.value
        try await gateway.stop()
        await healthy.stop()
        await stuck.stop()
    }

    /// A send that never left because every connection to the receiver was busy is no try: it is
    /// handed back without an attempt, a failure or a backoff.
    @Test func waitingForAConnectionIsNotATry() async throws {
        let receiver = try WebhookReceiver(holding: true)
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: receiver.url, events: ["payout.failed"], key: admin)
        for _ in 0..<8 { try await gateway.recordEvent("payout.failed") }
        let deliverer = gateway.deliverer()
        let round = Task { try await deliverer.sendDue() }
        // Four connections to a host at most: four sends are held, four wait for a connection.
        #expect(await eventually { receiver.received.count == 4 })
        // The waiting four give up after the connect timeout (5 s); then the held ones are let go.
        #expect(try await eventually {
            try await gateway.column("SELECT count(*)::text FROM webhook_deliveries WHERE lease_token IS NULL") == ["4"]
        })
        receiver.release()
        #expect(try await round.value == 8)
        #expect(try await gateway.column("""
            SELECT status || ' ' || attempts || ': ' || count(*) FROM webhook_deliveries GROUP BY status, attempts ORDER BY 1
            """) == ["delivered 1: 4", "pending 0: 4"])
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_delivery_attempts") == ["4"])
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_deliveries WHERE last_error IS NOT NULL") == ["0"])
        await deliverer.shutdown()
        try await gateway.stop()
        await receiver.stop()
    }

    /// Queued again while a try is in flight, a delivery could be sent twice at once (and the
    /// first try's answer would settle nothing): the redelivery is refused until the try ends.
    @Test func aDeliveryInFlightIsNotQueuedAgain() async throws {
        let receiver = try WebhookReceiver(holding: true)
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: receiver.url, events: ["payout.failed"], key: admin)
        try await gateway.recordEvent("payout.failed")
        let deliverer = gateway.deliverer()
        let round = Task { try await deliverer.sendDue() }
        #expect(await eventually { receiver.received.count == 1 })
        let id = try #require(try await gateway.column("SELECT id FROM webhook_deliveries").first ?? nil)
        let held = try await gateway.request("POST", "/v1/webhook-deliveries/\(id)/redeliver",
                                             headers: ["Authorization": "Bearer \(admin)", "Idempotency-Key": "during"])
        #expect(held.status == 409 && held.json["code"] as? String == "webhook_delivery_in_flight", "\(held.body)")
        receiver.release()
        #expect(try await round.value == 1)
        #expect(try await gateway.column("SELECT status || ' ' || attempts FROM webhook_deliveries") == ["delivered 1"])
        // Once the try has ended, the same key asks again and is taken.
        let after = try await gateway.request("POST", "/v1/webhook-deliveries/\(id)/redeliver",
                                              headers: ["Authorization": "Bearer \(admin)", "Idempotency-Key": "during"])
        #expect(after.status == 200 && after.json["status"] as? String == "pending", "\(after.body)")
        await deliverer.shutdown()
        try await gateway.stop()
        await receiver.stop()
    }

    /// The status decides: a receiver that takes the event and answers at length has it delivered
    /// (the answer's body is never read, so its size does not matter).
    @Test func aLongAnswerToADeliveryStillDelivers() async throws {
        let receiver = try WebhookReceiver(bodyBytes: 300 * 1024)
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: receiver.url, events: ["payout.failed"], key: admin)
        try await gateway.recordEvent("payout.failed")
        let deliverer = gateway.deliverer()
        #expect(try await deliverer.sendDue() == 1)
        #expect(try await gateway.column("SELECT status || ' ' || attempts FROM webhook_deliveries") == ["delivered 1"])
        await deliverer.shutdown()
        try await gateway.stop()
        await receiver.stop()
    }
}
