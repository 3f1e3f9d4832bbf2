import Payouts

/// One destination as a provider's own bank list names it (Duitku `listBank` [seed-004]).
public struct ListedDestination: Hashable, Sendable {
    /// The provider's code for it (BI code, or Duitku's 4-digit e-wallet code).
    public var code: String
    /// Largest amount per transfer the provider states for it, when it does.
    public var maximum: Money?

    public init(code: String, maximum: Money?) {
        self.code = code
        self.maximum = maximum
    }
}

extension ProviderCapability {
    /// The capability as the provider's current bank list describes it: it pays exactly the listed
    /// destinations the directory knows, under the listed codes and per-transfer caps. Codes the
    /// directory does not know are returned as `unknownCodes`, to report, never guessed at. A
    /// Syariah unit the provider paid keeps its parent's code while the parent is listed: 3-digit
    /// schemes address units that way, and lists name only the parent (bank-codes.md, "Syariah
    /// business units").
    public func refreshed(from listing: [ListedDestination],
                          directory: BankDirectory) -> (capability: ProviderCapability, unknownCodes: [String]) {
        var refreshed = self
        var codes: [String: String] = [:]
        var caps: [String: Money] = [:]
        var unknown: [String] = []
        for destination in listing {
            guard let bank = directory.lookup(destination.code) else {
                unknown.append(destination.code)
                continue
            }
            codes[bank.id] = destination.code
            if let maximum = destination.maximum { caps[bank.id] = maximum }
        }
        // An empty or wholly unknown list says nothing usable: keep what we had.
        guard !codes.isEmpty else { return (self, unknown) }
        for bank in directory.banks where codes[bank.id] == nil && bankCodes[bank.id] != nil {
            if let parent = bank.parentID, let code = codes[parent] { codes[bank.id] = code }
        }
        refreshed.bankCodes = codes
        // A list without caps (Durianpay's) keeps the caps routing had for the banks still listed.
        refreshed.onlineCaps = listing.contains { $0.maximum != nil } ? caps : onlineCaps.filter { codes[$0.key] != nil }
        return (refreshed, unknown)
    }
}
