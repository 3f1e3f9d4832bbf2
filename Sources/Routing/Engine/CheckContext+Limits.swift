import Payouts

extension CheckContext {
    /// Provider limits, then the rail's (or the destination's online cap).
    func checkAmount(_ capability: ProviderCapability, _ clearing: Clearing, _ offer: ClearingOffer,
                     _ verdict: inout Verdict) {
        let amount = request.amount
        let name = capability.provider.rawValue
        let rail = clearing.displayName
        if let minimum = capability.amountMinimum, amount < minimum {
            verdict.fail("\(amountText) below \(name) minimum \(minimum.rupiah)")
        } else if let maximum = capability.amountMaximum, amount > maximum {
            verdict.fail("\(amountText) above \(name) maximum \(maximum.rupiah)")
        } else {
            verdict.pass("\(amountText) within \(name) limits")
        }
        if let minimum = offer.minimum, amount < minimum {
            verdict.fail("\(amountText) below \(rail) minimum \(minimum.rupiah)")
        }
        let bank = request.bank
        if clearing == .online || bank.kind == .ewallet {
            if let cap = capability.onlineCap(for: bank, offer: offer) {
                verdict.check(amount <= cap, "\(amountText) within \(rail) cap \(cap.rupiah) for \(bank.id)",
                              else: "\(amountText) above \(rail) cap \(cap.rupiah) for \(bank.id)")
            }
        } else if let maximum = offer.maximum, amount > maximum {
            verdict.fail("\(amountText) above \(rail) limit \(maximum.rupiah)")
        } else if offer.minimum.map({ amount >= $0 }) ?? true {
            verdict.pass("\(amountText) within \(rail) limits")
        }
    }

    /// An open circuit, or a half-open one whose probe is out, refuses the candidate.
    func checkHealth(_ provider: ProviderName, _ verdict: inout Verdict) {
        let name = provider.rawValue
        switch health.state(of: provider) {
        case .closed:
            verdict.pass(FixedReasons.of(provider).circuitClosed)
        case let .open(since, probeAt):
            verdict.fail("\(name) circuit open since \(calendar.clockText(since)) WIB, probe from \(calendar.clockText(probeAt)) WIB")
            verdict.healthFailed = true
        case .halfOpen(_, nil):
            verdict.pass(FixedReasons.of(provider).probeAllowed)
        case let .halfOpen(_, probeSince?):
            verdict.fail("\(name) circuit half-open: probe in flight since \(calendar.clockText(probeSince)) WIB")
            verdict.healthFailed = true
        }
    }

    /// Open now, or when it opens. A closed rail is no failure (the payout is scheduled) unless the
    /// caller asked to execute immediately.
    func checkWindow(_ clearing: Clearing, _ offer: ClearingOffer,
                     _ verdict: inout Verdict) -> (isOpen: Bool, opensAt: Timestamp?, settlement: Settlement) {
        var window = offer.window
        var settlement = offer.settlement
        if clearing == .auto {
            if withinInstantReach {
                window = .always
                verdict.pass("provider-chosen rail can be BI-FAST or e-wallet: 24/7")
            } else {
                settlement = .sameBusinessDay
                verdict.pass("provider-chosen rail must be SKN or RTGS: business-day window applies")
            }
        }
        let schedule = RailSchedule(window: window, calendar: calendar)
        let rail = clearing.displayName
        if schedule.isOpen(at: now) {
            verdict.pass(window == .always ? FixedReasons.of(clearing).openAlways : FixedReasons.of(clearing).openNow)
            return (true, nil, settlement)
        }
        let opensAt = schedule.nextOpening(after: now)
        let because = schedule.closedBecause(at: now) ?? "closed"
        let opening = opensAt.map { "opens \(calendar.openingText($0))" } ?? "no opening within 400 days"
        if request.executeImmediately || opensAt == nil {
            verdict.fail("\(rail) window closed (\(because)): \(opening); execute immediately requested")
        } else {
            verdict.pass("\(rail) window closed (\(because)): \(opening); payout scheduled")
        }
        return (false, opensAt, settlement)
    }

    /// A provider that picks its own rail can use BI-FAST (or an e-wallet channel) only for a
    /// participant bank and up to BI-FAST's cap [sp-limits][doku-fin]; beyond that it needs SKN/RTGS.
    var withinInstantReach: Bool {
        request.bank.kind == .ewallet
            || (request.bank.isBIFastParticipant && request.amount <= RailLaw.bifastMaximum)
    }
}
