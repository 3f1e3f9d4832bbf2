import Payouts

/// One way to pay a bank: a provider and rail that reach it, with its amount limits and fee.
public struct Reach: Hashable, Sendable {
    public let provider: ProviderName
    public let clearing: Clearing
    /// The larger of the provider's and the rail's minimum.
    public let minimum: Money?
    /// The smallest of the provider's maximum, the rail's maximum and the bank's online cap.
    public let maximum: Money?
    public let fee: Money
    /// True when the rail is open every day and hour (BI-FAST, online, a provider's own rail to a
    /// BI-FAST participant or wallet up to BI-FAST's cap); else business-day windows.
    public let isAlwaysOpen: Bool
}

extension RoutingEngine {
    /// Every enabled provider and rail that can pay `bank`, by the same bank rules the engine
    /// applies to a payout (`CheckContext.checkBank`); limits as the engine would enforce them. A
    /// provider-chosen rail whose range runs past BI-FAST's cap is two reaches: 24/7 up to it, and
    /// business days above.
    public static func reach(of bank: Bank, capabilities: Capabilities, calendar: BusinessCalendar) -> [Reach] {
        let probe = RouteRequest(amount: Money.zero, bank: bank)
        let context = CheckContext(request: probe, capabilities: capabilities, calendar: calendar,
                                   health: .allHealthy, now: Timestamp(microsecondsSinceEpoch: 0))
        var reaches: [Reach] = []
        for provider in ProviderName.allCases {
            guard let capability = capabilities.providers[provider], capability.isEnabled else { continue }
            for clearing in Clearing.allCases {
                guard let offer = capability.clearings[clearing], offer.isEnabled else { continue }
                var verdict = CheckContext.Verdict()
                _ = context.checkBank(capability, clearing, offer, &verdict)
                guard verdict.failures == 0 else { continue }
                let minimum = [capability.amountMinimum, offer.minimum].compactMap { $0 }.max()
                var maximums = [capability.amountMaximum].compactMap { $0 }
                if clearing == .online || bank.kind == .ewallet {
                    if let cap = capability.onlineCap(for: bank, offer: offer) { maximums.append(cap) }
                } else if let maximum = offer.maximum {
                    maximums.append(maximum)
                }
                let maximum = maximums.min()
                // A provider choosing its own rail uses BI-FAST (or the wallet's channel) day and
                // night where it can, so that part of the range is 24/7. The probe's amount is
                // zero: the engine's own rule then asks only whether the bank can be reached so.
                guard clearing == .auto, context.withinInstantReach, offer.window != .always else {
                    reaches.append(Reach(provider: provider, clearing: clearing, minimum: minimum, maximum: maximum,
                                         fee: offer.fee, isAlwaysOpen: offer.window == .always))
                    continue
                }
                let instantMaximum = bank.kind == .ewallet ? maximum : [maximum, RailLaw.bifastMaximum].compactMap { $0 }.min()
                reaches.append(Reach(provider: provider, clearing: clearing, minimum: minimum, maximum: instantMaximum,
                                     fee: offer.fee, isAlwaysOpen: true))
                if let instantMaximum, maximum.map({ $0 > instantMaximum }) ?? true,
                   let above = Money(rupiah: instantMaximum.rupiah + 1) {
                    reaches.append(Reach(provider: provider, clearing: clearing, minimum: above, maximum: maximum,
                                         fee: offer.fee, isAlwaysOpen: false))
                }
            }
        }
        return reaches
    }
}
