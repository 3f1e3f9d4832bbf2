import Foundation
@testable import Gateway
import Ledger
import Store
import Testing

/// `GET /v1/balances`: the ledger's accounts, and each provider's own figure beside the books.
@Suite struct BalanceTests {
    func line(_ answer: Answer, _ provider: String) -> [String: Any]? {
        (answer.json["providers"] as? [[String: Any]])?.first { $0["provider"] as? String == provider }
    }

    @Test func setsEachProvidersOwnBalanceBesideTheLedger() async throws {
        let providers = try SimulatedProviders.start(up: [.duitku, .durianpay], down: [.singapay],
                                                     balances: [.duitku: 5_000_000, .durianpay: 7_000_000])
        let gateway = try await GatewayHarness.start(environment: providers.environment)
        let key = try await gateway.key([.payoutsWrite, .ledgerRead])
        // The books say 4,000,000 was put at Duitku, and one payout of 100,000 is on its way there.
        try await gateway.app.pool.withConnection { connection in
            try LedgerStore().fund(provider: "duitku", amount: 4_000_000, id: "topup-1", on: connection)
        }
        let id = try #require(try await gateway.createPayout(payoutBody(amount: "100000"), key: key).json["id"] as? String)
        try await gateway.app.pool.withConnection { connection in
            try LedgerStore().moveHold(payout: id, to: "duitku", id: "\(id):route:1", on: connection)
        }
        let answer = try await gateway.get("/v1/balances", key: key)
        #expect(answer.status == 200)
        #expect((answer.json["data"] as? [[String: Any]])?.isEmpty == false)

        let duitku = try #require(line(answer, "duitku"))
        #expect(duitku["account"] as? String == "provider:duitku:prefunded")
        #expect(duitku["ledger_posted"] as? String == "4000000.00")
        #expect(duitku["ledger_in_flight"] as? String == "100000.00")
        #expect(duitku["ledger_available"] as? String == "3900000.00")
        #expect(duitku["provider_balance_status"] as? String == "reported")
        #expect(duitku["provider_balance"] as? String == "5000000.00")
        #expect(duitku["difference"] as? String == "1000000.00")

        let durianpay = try #require(line(answer, "durianpay"))
        #expect(durianpay["ledger_posted"] as? String == "0.00")
        #expect(durianpay["provider_balance"] as? String == "7000000.00")
        #expect(durianpay["difference"] as? String == "7000000.00")

        let singapay = try #require(line(answer, "singapay"))
        #expect(singapay["provider_balance_status"] as? String == "unavailable")
        #expect(singapay["provider_balance"] is NSNull)
        #expect(singapay["difference"] is NSNull)

        let doku = try #require(line(answer, "doku"))
        #expect(doku["provider_balance_status"] as? String == "not_offered")
        #expect(doku["provider_balance"] is NSNull)
        #expect(doku["difference"] is NSNull)
        #expect((answer.json["providers"] as? [[String: Any]])?.compactMap { $0["provider"] as? String }
            == ["duitku", "durianpay", "doku", "singapay"])
        try await gateway.stop()
        await providers.stop()
    }

    @Test func aDifferenceBelowTheBooksIsNegative() async throws {
        let providers = try SimulatedProviders.start(up: [.singapay], balances: [.singapay: 1_500_000])
        let gateway = try await GatewayHarness.start(environment: providers.environment)
        let key = try await gateway.key([.ledgerRead])
        try await gateway.app.pool.withConnection { connection in
            try LedgerStore().fund(provider: "singapay", amount: 2_000_000, id: "topup-s", on: connection)
        }
        let answer = try await gateway.get("/v1/balances", key: key)
        let singapay = try #require(line(answer, "singapay"))
        #expect(singapay["provider_balance"] as? String == "1500000.00")
        #expect(singapay["difference"] as? String == "-500000.00")
        // Unreachable providers are shown as such, not as zero.
        #expect(line(answer, "duitku")?["provider_balance_status"] as? String == "unavailable")
        try await gateway.stop()
        await providers.stop()
    }
}
