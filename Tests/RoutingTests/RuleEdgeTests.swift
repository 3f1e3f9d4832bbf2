import Payouts
import Testing
@testable import Routing

/// Each rule at its edge and one past it, plus the scenarios, with the shipped data.
@Suite struct RuleEdgeTests {
    @Test(arguments: [(249_999_999, true), (250_000_000, true), (250_000_001, false)] as [(Int64, Bool)])
    func bifastLimit(amount: Int64, eligible: Bool) {
        let decision = Fixture.route(amount, to: "mandiri", clearing: .bifast, at: Fixture.tuesday(22))
        let bifast = decision.candidate(.duitku, .bifast)!
        #expect(bifast.eligible == eligible)
        #expect((decision.chosen?.clearing == .bifast) == eligible)
        if !eligible { #expect(bifast.reasons.contains("amount \(amount) above BIFAST limit 250000000")) }
    }

    @Test(arguments: [(100_000_000, false), (100_000_001, true)] as [(Int64, Bool)])
    func rtgsOnlyAboveOneHundredMillion(amount: Int64, eligible: Bool) {
        let decision = Fixture.route(amount, to: "mandiri", clearing: .rtgs, at: Fixture.tuesday(10))
        #expect(decision.candidate(.duitku, .rtgs)!.eligible == eligible)
        #expect((decision.outcome == .dispatch) == eligible)
    }

    @Test(arguments: [(1_000_000_000, true), (1_000_000_001, false)] as [(Int64, Bool)])
    func llgLimit(amount: Int64, eligible: Bool) {
        let decision = Fixture.route(amount, to: "mandiri", clearing: .llg, at: Fixture.tuesday(10))
        #expect(decision.candidate(.duitku, .llg)!.eligible == eligible)
    }

    @Test(arguments: [(14, 59, RouteDecision.Outcome.dispatch), (15, 0, .scheduled)])
    func llgCutOff(hour: Int, minute: Int, outcome: RouteDecision.Outcome) {
        let decision = Fixture.route(500_000_000, to: "mandiri", clearing: .llg, at: Fixture.tuesday(hour, minute))
        #expect(decision.outcome == outcome)
        if outcome == .scheduled { #expect(decision.scheduledFor == Fixture.wib(2026, 6, 10, 8)) }
    }

    @Test func holidayClosesClearingWindow() {
        let decision = Fixture.route(500_000_000, to: "mandiri", at: Fixture.wib(2026, 8, 17, 10))
        #expect(decision.outcome == .scheduled)
        #expect(decision.scheduledFor == Fixture.wib(2026, 8, 18, 8))
        #expect(decision.chosen!.reasons.contains { $0.contains("holiday 2026-08-17 (Independence Day)") })
    }

    @Test func fridayEveningIsScheduledForMonday() {
        let decision = Fixture.route(500_000_000, to: "mandiri", at: Fixture.wib(2026, 6, 12, 20))
        #expect(decision.outcome == .scheduled)
        #expect(decision.scheduledFor == Fixture.wib(2026, 6, 15, 8))
        #expect(decision.chosen!.reasons.contains {
            $0 == "LLG window closed (from 15:00 WIB): opens Mon 08:00 WIB (2026-06-15); payout scheduled"
        })
        #expect(decision.chosen?.expectedSettlement.text == "2026-06-15T08:00:00+07:00")
    }

    @Test func fiveHundredMillionGoesRTGSOrLLGInTheDayAndIsScheduledAtNight() {
        let day = Fixture.route(500_000_000, to: "bni", at: Fixture.tuesday(10))
        #expect(day.outcome == .dispatch)
        #expect([Clearing.rtgs, .llg].contains(day.chosen!.clearing))
        let night = Fixture.route(500_000_000, to: "bni", at: Fixture.tuesday(20))
        #expect(night.outcome == .scheduled)
        #expect(night.scheduledFor == Fixture.wib(2026, 6, 10, 8))
    }

    @Test func bcaAboveOnlineCapTakesBIFast() {
        let decision = Fixture.route(150_000_000, to: "bca", at: Fixture.tuesday(21))
        #expect(decision.chosen?.clearing == .bifast)
        #expect(decision.chosen?.provider == .duitku)
        let online = decision.candidate(.duitku, .online)!
        #expect(!online.eligible)
        #expect(online.reasons.contains("amount 150000000 above online cap 50000000 for bca"))
    }

    @Test(arguments: ["ovo", "dana", "gopay", "shopeepay", "linkaja"])
    func ewalletsRouteOnlyToWalletPayers(wallet: String) {
        let decision = Fixture.route(1_000_000, to: wallet, at: Fixture.tuesday(23))
        let chosen = try! #require(decision.chosen)
        #expect(Capabilities.defaults.providers[chosen.provider]!.bankCodes[wallet] != nil)
        #expect(chosen.clearing == .online)
        for candidate in decision.candidates where candidate.eligible {
            #expect(candidate.clearing == .online || candidate.clearing == .auto)
        }
    }

    @Test(arguments: [(25_000_000, true), (25_000_001, false)] as [(Int64, Bool)])
    func ovoCap(amount: Int64, routable: Bool) {
        #expect((Fixture.route(amount, to: "ovo", at: Fixture.tuesday(9)).chosen != nil) == routable)
    }

    @Test func nonParticipantCannotUseBIFast() {
        let decision = Fixture.route(1_000_000, to: "bank_of_india", clearing: .bifast, at: Fixture.tuesday(10))
        #expect(decision.outcome == .noRoute)
        #expect(decision.candidate(.duitku, .bifast)!.reasons.contains("bank_of_india is not a BI-FAST participant"))
    }

    @Test func h2hOnlyForItsFiveBanks() {
        #expect(Fixture.route(5_000_000, to: "bni", clearing: .h2h, at: Fixture.tuesday(10)).chosen?.clearing == .h2h)
        #expect(Fixture.route(5_000_000, to: "bca", clearing: .h2h, at: Fixture.tuesday(10)).outcome == .noRoute)
    }

    /// H2H limits are unpublished: up to the LLG cap it may win on fee, above it RTGS only.
    @Test func aboveOneBillionGoesByRTGSNotH2H() {
        #expect(Fixture.route(1_000_000_000, to: "bni", clearing: .h2h, at: Fixture.tuesday(10)).chosen?.clearing == .h2h)
        #expect(Fixture.route(1_000_000_001, to: "bni", clearing: .h2h, at: Fixture.tuesday(10)).outcome == .noRoute)
        #expect(Fixture.route(2_000_000_000, to: "bni", at: Fixture.tuesday(10)).candidate(.duitku, .h2h)?.eligible == false)
    }

    @Test func immediatelyRefusesClosedRails() {
        let decision = Fixture.route(500_000_000, to: "mandiri", immediately: true, at: Fixture.wib(2026, 6, 12, 20))
        #expect(decision.outcome == .noRoute)
        #expect(decision.noRoute?.code == .noRoute)
        #expect(decision.noRoute!.message.contains("execute immediately"))
        #expect(decision.noRoute!.message.contains("opens Mon 08:00 WIB"))
    }

    @Test func pinnedProviderIsHonouredOrRefused() {
        let pinned = Fixture.route(1_000_000, to: "bca", provider: .singapay, at: Fixture.tuesday(10))
        #expect(pinned.chosen?.provider == .singapay)
        let refused = Fixture.route(1_000_000, to: "ovo", provider: .doku, at: Fixture.tuesday(10))
        #expect(refused.outcome == .noRoute)
        #expect(refused.candidate(.doku, .auto)!.reasons.contains("doku does not pay e-wallet ovo"))
        #expect(refused.candidate(.duitku, .online)!.reasons.contains("duitku is not the pinned provider (doku)"))
    }

    @Test func belowMinimumHasNoRouteListingEveryCandidate() {
        let decision = Fixture.route(9_999, to: "bca", at: Fixture.tuesday(10))
        #expect(decision.outcome == .noRoute)
        #expect(decision.noRoute?.rejected.count == decision.candidates.count)
        #expect(decision.candidates.count == 8)
        #expect(decision.candidates.allSatisfy { !$0.eligible })
    }

    @Test func everyProviderDownIsProviderUnavailable() {
        let since = Fixture.tuesday(10)
        let open = CircuitState.open(since: since, probeAt: Fixture.tuesday(10, 1))
        let health = ProviderHealth(states: Dictionary(uniqueKeysWithValues: ProviderName.allCases.map { ($0, open) }))
        let decision = Fixture.route(1_000_000, to: "bca", at: since, health: health)
        #expect(decision.noRoute?.code == .providerUnavailable)
    }
}
