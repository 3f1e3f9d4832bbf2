import Payouts

/// One rail as one provider sells it: its limits, fee, window and speed.
///
/// For `.auto` (the provider picks the rail) `window` and `settlement` describe the fallback: the
/// provider can use BI-FAST only up to its cap and only for participant banks; beyond that it must
/// use SKN or RTGS, which run on business days [sp-limits][doku-fin]. Within BI-FAST's reach an
/// `.auto` offer is open 24/7 and instant, whatever `window` says.
public struct ClearingOffer: Hashable, Sendable {
    /// Whether the operator lets routing use it (ROUTING_FILE `clearings.<name>.enabled`).
    public var isEnabled: Bool
    /// Smallest amount the rail takes at this provider, inclusive; nil means no rail minimum.
    public var minimum: Money?
    /// Largest amount the rail takes at this provider, inclusive; nil means no rail maximum.
    public var maximum: Money?
    /// What the provider charges us per payout on this rail.
    public var fee: Money
    /// When instructions are taken.
    public var window: RailWindow
    /// How soon money arrives once sent.
    public var settlement: Settlement
    /// Bank ids the rail reaches, when narrower than the provider's bank list (H2H); nil = all.
    public var onlyBanks: Set<String>?

    /// Describes one rail at one provider.
    public init(isEnabled: Bool = true, minimum: Money? = nil, maximum: Money? = nil, fee: Money,
                window: RailWindow, settlement: Settlement, onlyBanks: Set<String>? = nil) {
        self.isEnabled = isEnabled
        self.minimum = minimum
        self.maximum = maximum
        self.fee = fee
        self.window = window
        self.settlement = settlement
        self.onlyBanks = onlyBanks
    }
}
