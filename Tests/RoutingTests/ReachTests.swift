import Payouts
@testable import Routing
import Testing

/// `GET /v1/banks` reports each route's hours from `RoutingEngine.reach`; they must say what the
/// engine does with a payout at the edges of the route's range.
@Suite struct ReachTests {
    /// Saturday 13 June 2026, 10:00 WIB: only rails open every day are open.
    static let saturday = Fixture.wib(2026, 6, 13, 10)

    @Test(arguments: ["bca", "bri", "ovo", "bank_of_india"])
    func hoursAgreeWithTheEngineOnAWeekend(bankID: String) throws {
        let bank = Fixture.bank(bankID)
        let reaches = RoutingEngine.reach(of: bank, capabilities: .defaults, calendar: .indonesia)
        #expect(!reaches.isEmpty)
        for reach in reaches {
            for amount in [reach.minimum, reach.maximum].compactMap({ $0 }) {
                let decision = Fixture.route(amount.rupiah, to: bankID, clearing: reach.clearing, provider: reach.provider,
                                             at: Self.saturday)
                let candidate = try #require(decision.candidate(reach.provider, reach.clearing))
                #expect(candidate.isOpenNow == reach.isAlwaysOpen,
                        "\(bankID) \(reach.provider) \(reach.clearing) at \(amount.decimalString)")
            }
        }
    }

    /// A provider choosing its own rail pays a BI-FAST participant around the clock up to BI-FAST's
    /// cap, and only in business hours above it (SKN or RTGS).
    @Test func aProviderChosenRailIsSplitAtTheBIFastCap() {
        let reaches = RoutingEngine.reach(of: Fixture.bank("bca"), capabilities: .defaults, calendar: .indonesia)
            .filter { $0.provider == .doku }
        #expect(reaches.map(\.isAlwaysOpen) == [true, false])
        #expect(reaches.first?.maximum == RailLaw.bifastMaximum)
        #expect(reaches.last?.minimum == Money(rupiah: RailLaw.bifastMaximum.rupiah + 1))
        #expect(reaches.last?.maximum == Money(rupiah: 999_999_999_999))
    }
}
