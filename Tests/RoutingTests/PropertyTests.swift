import Payouts
import Testing
@testable import Routing

/// SplitMix64: a tiny seeded generator, so every run draws the same cases (STYLE.md §6: routing
/// gets a fixed seed).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random requests, instants and health over a few thousand cases.
@Suite struct PropertyTests {
    struct Case {
        let request: RouteRequest
        let now: Timestamp
        let health: ProviderHealth
    }

    static let amounts: [Int64] = [9_999, 10_000, 1_000_000, 25_000_000, 25_000_001, 50_000_000, 50_000_001,
                                   100_000_000, 100_000_001, 249_999_999, 250_000_000, 250_000_001,
                                   999_999_999, 1_000_000_000, 1_000_000_001, 5_000_000_000]

    static func cases(count: Int, seed: UInt64) -> [Case] {
        var random = SeededGenerator(state: seed)
        let banks = BankDirectory.standard.banks
        let start = Fixture.wib(2026, 1, 1, 0).microsecondsSinceEpoch
        let span: Int64 = 2 * 365 * 86_400 * 1_000_000
        return (0..<count).map { _ in
            let amount = Bool.random(using: &random) ? amounts.randomElement(using: &random)!
                : Int64.random(in: 1...2_000_000_000, using: &random)
            let request = RouteRequest(
                amount: Fixture.rupiah(amount), bank: banks.randomElement(using: &random)!,
                clearing: Int.random(in: 0..<3, using: &random) == 0 ? Clearing.allCases.randomElement(using: &random)! : .auto,
                provider: Int.random(in: 0..<4, using: &random) == 0 ? ProviderName.allCases.randomElement(using: &random) : nil,
                executeImmediately: Int.random(in: 0..<4, using: &random) == 0)
            let now = Timestamp(microsecondsSinceEpoch: start + Int64.random(in: 0..<span, using: &random))
            var states: [ProviderName: CircuitState] = [:]
            for provider in ProviderName.allCases where Int.random(in: 0..<5, using: &random) == 0 {
                let past = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch - 5_000_000)
                let later = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + 25_000_000)
                states[provider] = [CircuitState.open(since: past, probeAt: later), .halfOpen(openedAt: past, probeSince: nil),
                                    .halfOpen(openedAt: past, probeSince: past)].randomElement(using: &random)!
            }
            return Case(request: request, now: now, health: ProviderHealth(states: states))
        }
    }

    static func route(_ c: Case) -> RouteDecision {
        RoutingEngine.route(c.request, capabilities: .defaults, calendar: .indonesia, health: c.health, now: c.now)
    }

    @Test func chosenCandidateSatisfiesEveryRule() {
        for c in Self.cases(count: 3_000, seed: 20_260_609) {
            let decision = Self.route(c)
            guard let chosen = decision.chosen else {
                #expect(decision.outcome == .noRoute)
                #expect(decision.candidates.allSatisfy { !$0.eligible })
                continue
            }
            let violations = IndependentRules.violations(of: chosen, for: c.request, health: c.health, now: c.now)
            #expect(violations.isEmpty, "\(c.request.amount) \(c.request.bank.id) \(chosen.provider) \(chosen.clearing): \(violations)")
            #expect(chosen.bankCode != nil)
            if decision.outcome == .scheduled {
                #expect(!c.request.executeImmediately)
                #expect(decision.scheduledFor! > c.now)
            }
        }
    }

    @Test func orderFollowsThePreference() {
        for c in Self.cases(count: 3_000, seed: 7) {
            let candidates = Self.route(c).candidates
            for (a, b) in zip(candidates, candidates.dropFirst()) {
                let rankA = a.eligible ? (a.isOpenNow ? 0 : 1) : 2
                let rankB = b.eligible ? (b.isOpenNow ? 0 : 1) : 2
                #expect(rankA <= rankB)
                if rankA == rankB && rankA < 2 {
                    // Cheapest, then fastest, then provider priority.
                    let keyA = (a.fee.rupiah, a.settlement.speedRank, a.priority)
                    let keyB = (b.fee.rupiah, b.settlement.speedRank, b.priority)
                    #expect(keyA <= keyB)
                }
            }
        }
    }

    @Test func sameInputsGiveTheSameAnswer() {
        for c in Self.cases(count: 2_000, seed: 99) {
            let first = Self.route(c)
            #expect(first == Self.route(c))
            #expect(first.json == Self.route(c).json)
        }
    }
}

/// The rules written again, plainly and separately from the engine, to check its choices.
enum IndependentRules {
    static func violations(of chosen: Candidate, for request: RouteRequest, health: ProviderHealth, now: Timestamp) -> [String] {
        var found: [String] = []
        let capability = Capabilities.defaults.providers[chosen.provider]!
        let offer = capability.clearings[chosen.clearing]!
        let amount = request.amount
        let bank = request.bank
        if let pinned = request.provider, pinned != chosen.provider { found.append("pinned") }
        if request.clearing != .auto, request.clearing != chosen.clearing { found.append("requested clearing") }
        if capability.bankCodes[bank.id] == nil { found.append("bank not payable") }
        if let min = capability.amountMinimum, amount < min { found.append("provider minimum") }
        if let max = capability.amountMaximum, amount > max { found.append("provider maximum") }
        switch chosen.clearing {
        case .bifast:
            if amount.rupiah > 250_000_000 { found.append("BI-FAST limit") }
            if !bank.isBIFastParticipant { found.append("BI-FAST participant") }
        case .llg where amount.rupiah > 1_000_000_000: found.append("LLG limit")
        case .rtgs where amount.rupiah <= 100_000_000: found.append("RTGS floor")
        case .h2h where !["bni", "bri", "mandiri", "permata", "cimb"].contains(bank.id): found.append("H2H bank")
        case .h2h where amount.rupiah > 1_000_000_000: found.append("H2H above 1,000,000,000")
        case .online where amount > (capability.onlineCaps[bank.id] ?? (bank.kind == .ewallet ? capability.ewalletCapFallback! : offer.maximum!)):
            found.append("online cap")
        default: break
        }
        if bank.kind == .ewallet, chosen.clearing != .online, chosen.clearing != .auto { found.append("e-wallet rail") }
        switch health.state(of: chosen.provider) {
        case .open, .halfOpen(_, _?): found.append("circuit")
        default: break
        }
        let calendar = BusinessCalendar.indonesia
        let businessOpen = calendar.isBusinessDay(calendar.date(of: now))
            && (480..<900).contains(calendar.minuteOfDay(of: now))
        let needsWindow = [Clearing.llg, .rtgs, .h2h].contains(chosen.clearing)
            || (chosen.clearing == .auto && bank.kind == .bank && (!bank.isBIFastParticipant || amount.rupiah > 250_000_000))
        if needsWindow && !businessOpen && chosen.isOpenNow { found.append("window open claimed while closed") }
        if needsWindow && !businessOpen && request.executeImmediately { found.append("immediate while closed") }
        if !needsWindow && !chosen.isOpenNow { found.append("24/7 rail reported closed") }
        return found
    }
}
