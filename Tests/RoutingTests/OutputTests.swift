import Payouts
import Testing
@testable import Routing

@Suite struct OutputTests {
    @Test func jsonFollowsTheContractShape() {
        let decision = Fixture.route(150_000_000, to: "bca", at: Fixture.tuesday(21))
        let json = decision.json
        #expect(json.hasPrefix("""
        {"chosen":{"provider":"duitku","clearing":"bifast","fee":"2500.00","expected_settlement":"instant"},"candidates":[{"provider":"duitku","clearing":"bifast","eligible":true,"reasons":["duitku enabled",
        """))
        #expect(json.hasSuffix("]}]}"))
        let none = Fixture.route(1, to: "bca", at: Fixture.tuesday(21))
        #expect(none.json.hasPrefix("{\"chosen\":null,\"candidates\":[{"))
    }

    @Test func bankListRefreshMapsCodesAndCaps() {
        let list = [
            PublishedBank(code: "014", name: "BCA", maximumTransfer: Fixture.rupiah(40_000_000)),
            PublishedBank(code: "022", name: "CIMB Niaga"),
            PublishedBank(code: "1010", name: "OVO", maximumTransfer: Fixture.rupiah(10_000_000)),
            PublishedBank(code: "999", name: "Bank Nowhere"),
        ]
        let refresh = Capabilities.defaults.updatingBanks(of: .duitku, from: list)
        let duitku = refresh.capabilities.providers[.duitku]!
        #expect(duitku.bankCodes == ["bca": "014", "cimb": "022", "ovo": "1010", "cimb_syariah": "022"])
        #expect(duitku.onlineCaps["bca"] == Fixture.rupiah(40_000_000))
        #expect(refresh.unmatchedCodes == ["999"])
        let durianpay = Capabilities.defaults.updatingBanks(
            of: .durianpay, from: [PublishedBank(code: "mandiri", name: "Bank Mandiri", biCode: "008")]
        ).capabilities.providers[.durianpay]!
        #expect(durianpay.bankCodes == ["mandiri": "mandiri"])
    }

    @Test func benchmarkWorkloadRoutes() {
        let workload = RoutingEngine.benchmarkWorkload()
        for request in workload.requests {
            for now in workload.instants {
                let decision = RoutingEngine.route(request, capabilities: workload.capabilities,
                                                   calendar: workload.calendar, health: workload.health, now: now)
                #expect(!decision.candidates.isEmpty)
            }
        }
    }
}
