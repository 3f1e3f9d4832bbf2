import Foundation
@testable import Gateway
import Testing

@Suite struct RoutingAPITests {
    static func body(amount: String, bank: String = "bca", extra: String = "") -> String {
        payoutBody(amount: amount, bank: bank, extra: extra)
    }

    @Test func previewExplainsEveryCandidateAndStoresNothing() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await gateway.request("POST", "/v1/routes/preview", headers: [
            "Authorization": "Bearer \(key)", "Content-Type": "application/json",
        ], body: Self.body(amount: "150000000"))
        #expect(answer.status == 200)
        let chosen = try #require(answer.json["chosen"] as? [String: Any])
        // 150,000,000 to BCA: above the online cap of 50,000,000, so BI-FAST.
        #expect(chosen["clearing"] as? String == "bifast")
        let candidates = answer.json["candidates"] as? [[String: Any]] ?? []
        let online = candidates.first { $0["provider"] as? String == "duitku" && $0["clearing"] as? String == "online" }
        #expect(online?["eligible"] as? Bool == false)
        #expect((online?["reasons"] as? [String])?.contains("amount 150000000 above online cap 50000000 for bca") == true)
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        try await gateway.stop()
    }

    @Test func aPayoutNoProviderCanPayIsRefusedWithEveryCandidate() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        // An e-wallet above every e-wallet cap, pinned to a provider that pays no e-wallets.
        let answer = try await gateway.createPayout(Self.body(amount: "20000000", bank: "ovo", extra: #","provider":"doku""#)
            .replacingOccurrences(of: "8760673566", with: "081234567890"), key: key)
        #expect(answer.status == 422)
        #expect(answer.json["code"] as? String == "no_route")
        let routing = try #require(answer.json["routing"] as? [String: Any])
        #expect(routing["chosen"] is NSNull)
        #expect(!(routing["candidates"] as? [[String: Any]] ?? []).isEmpty)
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        try await gateway.stop()
    }

    @Test func aPayoutStoresTheRoutingDecisionTakenWhenAccepted() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let created = try await gateway.createPayout(Self.body(amount: "150000"), key: key)
        #expect(created.status == 202)
        let routing = try #require(created.json["routing"] as? [String: Any])
        #expect((routing["chosen"] as? [String: Any])?["provider"] != nil)
        let id = try #require(created.json["id"] as? String)
        let shown = try await gateway.get("/v1/payouts/\(id)", key: key)
        #expect((shown.json["routing"] as? [String: Any])?["candidates"] as? [[String: Any]] != nil)
        try await gateway.stop()
    }

    @Test func executeMustBeAKnownChoice() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await gateway.createPayout(Self.body(amount: "150000", extra: #","execute":"now""#), key: key)
        #expect(answer.status == 422)
        #expect(answer.errorFields == ["execute"])
        #expect(try await gateway.createPayout(Self.body(amount: "150000", extra: #","execute":"immediately""#), key: key).status == 202)
        try await gateway.stop()
    }

    @Test func banksListsWhoReachesEachBankAndTheLimits() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsRead])
        let answer = try await gateway.get("/v1/banks", key: key)
        #expect(answer.status == 200)
        let banks = answer.json["data"] as? [[String: Any]] ?? []
        let bca = try #require(banks.first { ($0["bank"] as? [String: Any])?["id"] as? String == "bca" })
        let routes = bca["routes"] as? [[String: Any]] ?? []
        let online = routes.first { $0["provider"] as? String == "duitku" && $0["clearing"] as? String == "online" }
        #expect(online?["max_amount"] as? String == "50000000.00")
        let bifast = routes.first { $0["provider"] as? String == "duitku" && $0["clearing"] as? String == "bifast" }
        #expect(bifast?["max_amount"] as? String == "250000000.00")
        let ovo = try #require(banks.first { ($0["bank"] as? [String: Any])?["id"] as? String == "ovo" })
        #expect((ovo["routes"] as? [[String: Any]] ?? []).allSatisfy { $0["provider"] as? String == "duitku" })
        try await gateway.stop()
    }

    @Test func providersWithoutCredentialsAreNeverRouted() async throws {
        let gateway = try await GatewayHarness.start(environment: [
            "DUITKU_BASE_URL": "", "DUITKU_USER_ID": "", "DUITKU_EMAIL": "", "DUITKU_SECRET_KEY": "",
        ])
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await gateway.request("POST", "/v1/routes/preview", headers: [
            "Authorization": "Bearer \(key)", "Content-Type": "application/json",
        ], body: Self.body(amount: "150000"))
        let duitku = (answer.json["candidates"] as? [[String: Any]] ?? []).filter { $0["provider"] as? String == "duitku" }
        #expect(!duitku.isEmpty && duitku.allSatisfy { $0["eligible"] as? Bool == false })
        try await gateway.stop()
    }
}
