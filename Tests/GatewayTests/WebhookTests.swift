import Foundation
@testable import Gateway
import Postgres
import Store
import Testing

@Suite struct WebhookEndpointTests {
    @Test func createAnswersTheSecretOnceAndReadsNeverShowIt() async throws {
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        let created = try await gateway.createEndpoint(url: "https://hooks.example.com/payouts?x=1",
                                                       events: ["payout.succeeded", "payout.failed"], key: admin, idempotencyKey: "we-1")
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? String)
        #expect(id.hasPrefix("we_"))
        #expect(created.headers["location"] == "/v1/webhook-endpoints/\(id)")
        let secret = try #require(created.json["signing_secret"] as? String)
        #expect(secret.hasPrefix("whsec_") && secret.count > 40)
        #expect(created.json["events"] as? [String] == ["payout.succeeded", "payout.failed"])
        let shown = try await gateway.get("/v1/webhook-endpoints/\(id)", key: admin)
        #expect(shown.status == 200)
        #expect(shown.json["signing_secret"] == nil && !shown.body.contains(secret))
        #expect(shown.json["url"] as? String == "https://hooks.example.com/payouts?x=1")
        let listed = try await gateway.get("/v1/webhook-endpoints", key: admin)
        #expect((listed.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
        #expect(!listed.body.contains(secret))
        // The same key and body replays the first answer; another body under it is refused.
        let replay = try await gateway.createEndpoint(url: "https://hooks.example.com/payouts?x=1",
                                                      events: ["payout.succeeded", "payout.failed"], key: admin, idempotencyKey: "we-1")
        #expect(replay.status == 201 && replay.body == created.body && replay.headers["idempotent-replayed"] == "true",
                "\(replay.status) \(replay.headers) \(replay.body)")
        let reused = try await gateway.createEndpoint(url: "https://other.example.com", events: ["payout.failed"], key: admin,
                                                      idempotencyKey: "we-1")
        #expect(reused.status == 422 && reused.json["code"] as? String == "idempotency_key_reused")
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_endpoints") == ["1"])
        try await gateway.stop()
    }

    @Test func needsTheAdminScope() async throws {
        let gateway = try await GatewayHarness.start()
        let writer = try await gateway.key([.payoutsWrite, .payoutsRead, .ledgerRead])
        let refused = try await gateway.createEndpoint(url: "https://hooks.example.com", events: ["payout.failed"], key: writer)
        #expect(refused.status == 403 && refused.json["code"] as? String == "forbidden")
        for path in ["/v1/webhook-endpoints", "/v1/webhook-endpoints/we_x", "/v1/webhook-deliveries", "/v1/webhook-deliveries/wd_x"] {
            #expect(try await gateway.get(path, key: writer).status == 403, "\(path)")
        }
        let delete = try await gateway.request("DELETE", "/v1/webhook-endpoints/we_x", headers: ["Authorization": "Bearer \(writer)"])
        #expect(delete.status == 403)
        #expect(try await gateway.request("GET", "/v1/webhook-endpoints").status == 401)
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_endpoints") == ["0"])
        try await gateway.stop()
    }

    @Test(arguments: [
        (#"{"url":"ftp://hooks.example.com","events":["payout.failed"]}"#, ["url"]),
        (#"{"url":"hooks.example.com/x","events":["payout.failed"]}"#, ["url"]),
        (#"{"url":"https://user:pw@hooks.example.com","events":["payout.failed"]}"#, ["url"]),
        (#"{"url":"https://hooks.example.com:70000/","events":["payout.failed"]}"#, ["url"]),
        (#"{"url":"https://hooks.example.com/a b","events":["payout.failed"]}"#, ["url"]),
        (#"{"url":"https:///path","events":["payout.failed"]}"#, ["url"]),
        (#"{"url":"https://hooks.example.com/#top","events":["payout.failed"]}"#, ["url"]),
        (#"{"url":"https://hooks.example.com","events":[]}"#, ["events"]),
        (#"{"url":"https://hooks.example.com","events":["payout.paid","payout.failed"]}"#, ["events[0]"]),
        (#"{"url":"https://hooks.example.com","events":"payout.failed"}"#, ["events"]),
        (#"{"url":5,"events":[1]}"#, ["url", "events"]),
        (#"{"events":["payout.failed"],"colour":"red"}"#, ["colour", "url"]),
        (#"{"url":"https://hooks.example.com"}"#, ["events"]),
    ])
    func refusesBadURLsAndEventsWritingNothing(body: String, fields: [String]) async throws {
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        let answer = try await gateway.request("POST", "/v1/webhook-endpoints", headers: [
            "Authorization": "Bearer \(admin)", "Idempotency-Key": "bad", "Content-Type": "application/json",
        ], body: body)
        #expect(answer.status == 422, "\(body): \(answer.body)")
        #expect(answer.json["code"] as? String == "validation_failed")
        #expect(Set(answer.errorFields) == Set(fields), "\(body): \(answer.body)")
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_endpoints") == ["0"])
        #expect(try await gateway.column("SELECT count(*)::text FROM idempotency_keys") == ["0"])
        try await gateway.stop()
    }

    /// Unless WEBHOOK_ALLOW_PRIVATE_URLS is set, an address off the public internet is refused
    /// as written; a name is taken, and checked when it is resolved at each send.
    @Test func refusesPrivateAddressesUnlessAllowed() async throws {
        let gateway = try await GatewayHarness.start(environment: ["WEBHOOK_ALLOW_PRIVATE_URLS": "false"])
        let admin = try await gateway.key([.admin])
        for url in ["http://127.0.0.1:9/hook", "http://[::1]/hook", "https://10.0.0.5/hook", "http://169.254.169.254/latest",
                    "http://2130706433/hook", "http://[::ffff:192.168.1.1]:8080/"] {
            let refused = try await gateway.createEndpoint(url: url, events: ["payout.failed"], key: admin)
            #expect(refused.status == 422, "\(url)")
            let message = (refused.json["errors"] as? [[String: Any]])?.first?["message"] as? String
            #expect(message == "must not point at a loopback, private or reserved address", "\(url)")
        }
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_endpoints") == ["0"])
        for url in ["https://hooks.example.com/h", "https://93.184.215.14/h", "http://localhost:9/h"] {
            #expect(try await gateway.createEndpoint(url: url, events: ["payout.failed"], key: admin).status == 201, "\(url)")
        }
        try await gateway.stop()
        let allowing = try await GatewayHarness.start()
        let key = try await allowing.key([.admin])
        #expect(try await allowing.createEndpoint(url: "http://127.0.0.1:9/hook", events: ["payout.failed"], key: key).status == 201)
        try await allowing.stop()
    }

    @Test func namesTheAllowedEventsAndRefusesOverlongURLs() async throws {
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        let unknown = try await gateway.createEndpoint(url: "https://hooks.example.com", events: ["payout.created"], key: admin)
        let message = (unknown.json["errors"] as? [[String: Any]])?.first?["message"] as? String ?? ""
        for type in WebhookEventType.allCases { #expect(message.contains(type.rawValue)) }
        let long = "https://hooks.example.com/" + String(repeating: "a", count: 2048 - 26)
        #expect(try await gateway.createEndpoint(url: long, events: ["payout.failed"], key: admin).status == 201)
        #expect(try await gateway.createEndpoint(url: long + "a", events: ["payout.failed"], key: admin).status == 422)
        let noKey = try await gateway.request("POST", "/v1/webhook-endpoints", headers: [
            "Authorization": "Bearer \(admin)", "Content-Type": "application/json",
        ], body: #"{"url":"https://hooks.example.com","events":["payout.failed"]}"#)
        #expect(noKey.status == 400 && noKey.json["code"] as? String == "idempotency_key_missing")
        #expect(try await gateway.get("/v1/webhook-endpoints?limit=1", key: admin).status == 400)
        try await gateway.stop()
    }

    @Test func deleteStopsDeliveriesAndRepeatsQuietly() async throws {
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        let id = try #require(try await gateway.createEndpoint(url: "http://127.0.0.1:9/hook", events: ["payout.failed"], key: admin)
            .json["id"] as? String)
        _ = try await gateway.recordEvent("payout.failed")
        let auth = ["Authorization": "Bearer \(admin)"]
        #expect(try await gateway.request("DELETE", "/v1/webhook-endpoints/\(id)", headers: auth).status == 204)
        #expect(try await gateway.column("SELECT status || ' ' || last_error FROM webhook_deliveries") == ["failed endpoint deleted"])
        _ = try await gateway.recordEvent("payout.failed")
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_deliveries") == ["1"])
        #expect(try await gateway.request("DELETE", "/v1/webhook-endpoints/\(id)", headers: auth).status == 204)
        #expect(try await gateway.request("DELETE", "/v1/webhook-endpoints/we_missing", headers: auth).status == 404)
        let shown = try await gateway.get("/v1/webhook-endpoints/\(id)", key: admin)
        #expect(shown.status == 200 && shown.json["deleted_at"] is String)
        #expect((try await gateway.get("/v1/webhook-endpoints", key: admin).json["data"] as? [Any])?.isEmpty == true)
        #expect(try await gateway.get("/v1/webhook-endpoints/we_missing", key: admin).status == 404)
        try await gateway.stop()
    }

    @Test func anEventNobodySubscribedToIsNotKept() async throws {
        let gateway = try await GatewayHarness.start()
        let admin = try await gateway.key([.admin])
        _ = try await gateway.createEndpoint(url: "https://a.example.com", events: ["payout.succeeded"], key: admin)
        _ = try await gateway.createEndpoint(url: "https://b.example.com", events: ["batch.completed", "payout.succeeded"], key: admin)
        #expect(try await gateway.recordEvent("payout.failed") == nil)
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_deliveries") == ["0"])
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_events") == ["0"])
        #expect(try await gateway.recordEvent("payout.succeeded") != nil)
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_deliveries") == ["2"])
        _ = try await gateway.recordEvent("batch.completed")
        #expect(try await gateway.column("SELECT count(*)::text FROM webhook_deliveries") == ["3"])
        #expect(try await gateway.column("SELECT type FROM webhook_events ORDER BY id") == ["payout.succeeded", "batch.completed"])
        try await gateway.stop()
    }
}

@Suite struct WebhookSignatureTests {
    let secret = "whsec_test"
    let body = Array(#"{"id":"evt_1"}"#.utf8)

    @Test func verifiesItsOwnSignatureWithinTheTolerance() {
        let header = WebhookSignature.header(body: body, secret: secret, unixSeconds: 1_800_000_000)
        #expect(header.hasPrefix("t=1800000000,v1="))
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, nowUnixSeconds: 1_800_000_000))
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, nowUnixSeconds: 1_800_000_300))
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, nowUnixSeconds: 1_799_999_700))
    }

    @Test func refusesStaleFutureTamperedAndMalformed() {
        let header = WebhookSignature.header(body: body, secret: secret, unixSeconds: 1_800_000_000)
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, nowUnixSeconds: 1_800_000_301))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, nowUnixSeconds: 1_799_999_699))
        #expect(!WebhookSignature.verify(header: header, body: body + [32], secret: secret, nowUnixSeconds: 1_800_000_000))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: "whsec_other", nowUnixSeconds: 1_800_000_000))
        // A fresh t cannot be pasted onto an old signature: t is signed.
        let moved = header.replacingOccurrences(of: "t=1800000000", with: "t=1800000900")
        #expect(!WebhookSignature.verify(header: moved, body: body, secret: secret, nowUnixSeconds: 1_800_000_900))
        for bad in ["", "t=1800000000", "v1=00", "t=x,v1=" + String(repeating: "0", count: 64),
                    "t=-9223372036854775808,v1=" + String(repeating: "0", count: 64)] {
            #expect(!WebhookSignature.verify(header: bad, body: body, secret: secret, nowUnixSeconds: 1_800_000_000))
        }
    }

    @Test func matchesAnHMACComputedIndependently() {
        // HMAC-SHA256("whsec_test", "1800000000.{\"id\":\"evt_1\"}"), computed with openssl dgst.
        let header = WebhookSignature.header(body: body, secret: secret, unixSeconds: 1_800_000_000)
        #expect(header == "t=1800000000,v1=\(Self.expected)")
    }

    static let expected = "45705be2a45ab5acdd1395cc695e9e7073125385ec24194921c401dff44176f8"
}

extension GatewayHarness {
    func createEndpoint(url: String, events: [String], key: String, idempotencyKey: String = UUID().uuidString) async throws -> Answer {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["url": url, "events": events], options: [.withoutEscapingSlashes]),
                          as: UTF8.self)
        return try await request("POST", "/v1/webhook-endpoints", headers: [
            "Authorization": "Bearer \(key)", "Idempotency-Key": idempotencyKey, "Content-Type": "application/json",
        ], body: body)
    }

    /// What the dispatcher does inside its transactions: the event's id, nil when no live
    /// endpoint subscribes to `type` (the event is then not kept).
    @discardableResult
    func recordEvent(_ type: String, payload: String = #"{"id":"po_test","status":"succeeded"}"#) async throws -> Int64? {
        try await app.pool.withConnection { connection in
            try connection.query("SELECT webhook_event($1, NULL, NULL, $2::jsonb)", [.text(type), .text(payload)])[0].decode(0)
        }
    }

    /// An endpoint that receives every payout and batch event, for tests that read `webhook_events`.
    func subscribeToEverything() async throws {
        let admin = try await key([.admin])
        let answer = try await createEndpoint(url: "https://receiver.example.com/hook",
                                              events: WebhookEventType.allCases.map(\.rawValue), key: admin)
        #expect(answer.status == 201)
    }

    /// A deliverer the test drives itself (`sendDue`), beside or instead of the app's own.
    func deliverer(retryBase: Duration = .milliseconds(20), pollInterval: Duration = .seconds(5),
                   batch: Int = 16, allowsPrivateURLs: Bool = true, metrics: Metrics = Metrics()) -> WebhookDeliverer {
        WebhookDeliverer(store: WebhookStore(pool: app.pool), database: app.pool.configuration,
                         settings: .init(retryBase: retryBase, retryCap: .seconds(1), batch: batch, pollInterval: pollInterval,
                                         allowsPrivateURLs: allowsPrivateURLs),
                         logger: app.logger, metrics: metrics)
    }
}
