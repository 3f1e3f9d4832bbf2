import Payouts

/// What one provider can pay, how, within which limits and at what price: data, not code.
///
/// `Capabilities.defaults` fills these from providers/*.md; ROUTING_FILE overrides them.
public struct ProviderCapability: Hashable, Sendable {
    /// Which provider.
    public var provider: ProviderName
    /// Whether routing may use the provider at all.
    public var isEnabled: Bool
    /// Preference among equally cheap and fast candidates; smaller wins.
    public var priority: Int
    /// Smallest payout the provider accepts, inclusive.
    public var amountMinimum: Money?
    /// Largest payout the provider accepts, inclusive; nil when it documents none.
    public var amountMaximum: Money?
    /// Destinations it can pay: bank directory id to the provider's own code for it.
    public var bankCodes: [String: String]
    /// Bank ids the operator has switched off at this provider.
    public var disabledBanks: Set<String>
    /// Rails it offers; `.auto` means the provider picks the rail itself.
    public var clearings: [Clearing: ClearingOffer]
    /// Per-destination cap for online transfer and e-wallet top-up, by bank id (Duitku's
    /// `listBank.maxAmountTransfer` [seed-004]); overrides the online offer's `maximum`.
    public var onlineCaps: [String: Money]
    /// Cap for an e-wallet that `onlineCaps` does not name; nil when the provider pays no e-wallets.
    public var ewalletCapFallback: Money?

    /// Describes one provider.
    public init(provider: ProviderName, isEnabled: Bool = true, priority: Int, amountMinimum: Money?,
                amountMaximum: Money?, bankCodes: [String: String], disabledBanks: Set<String> = [],
                clearings: [Clearing: ClearingOffer], onlineCaps: [String: Money] = [:],
                ewalletCapFallback: Money? = nil) {
        self.provider = provider
        self.isEnabled = isEnabled
        self.priority = priority
        self.amountMinimum = amountMinimum
        self.amountMaximum = amountMaximum
        self.bankCodes = bankCodes
        self.disabledBanks = disabledBanks
        self.clearings = clearings
        self.onlineCaps = onlineCaps
        self.ewalletCapFallback = ewalletCapFallback
    }

    /// The cap on an online or e-wallet payout to `bank`, or nil when none applies.
    func onlineCap(for bank: Bank, offer: ClearingOffer) -> Money? {
        if let cap = onlineCaps[bank.id] { return cap }
        return bank.kind == .ewallet ? ewalletCapFallback : offer.maximum
    }
}
