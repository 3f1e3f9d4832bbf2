import Payouts

/// Every provider's capabilities: the data routing decides from.
public struct Capabilities: Hashable, Sendable {
    /// Per provider; a provider missing here is never routed to.
    public var providers: [ProviderName: ProviderCapability]
    /// Bank ids no provider may pay (ROUTING_FILE `disabled_banks`), e.g. a bank in an outage.
    public var disabledBanks: Set<String>

    /// Capabilities from per-provider values.
    public init(providers: [ProviderName: ProviderCapability], disabledBanks: Set<String> = []) {
        self.providers = providers
        self.disabledBanks = disabledBanks
    }

    /// The providers in a fixed order (`ProviderName.allCases`), never dictionary order, so
    /// that every walk over them is the same in every process.
    var orderedProviders: [ProviderCapability] {
        ProviderName.allCases.compactMap { providers[$0] }
    }

    /// Replaces `provider`'s payable banks with those its published list names (Duitku `listBank`,
    /// Durianpay banks), taking per-bank caps from the list when it gives them.
    ///
    /// Each entry resolves through the directory by BI code, then code, then name; entries that
    /// resolve to nothing are returned in `unmatchedCodes` and never guessed. A Syariah unit keeps
    /// its parent's code when the parent is listed, because 3-digit schemes address it that way
    /// (bank-codes.md, "Syariah business units"). Pure: the fetch happens in the provider room.
    public func updatingBanks(of provider: ProviderName, from list: [PublishedBank],
                              directory: BankDirectory = .standard) -> BankListRefresh {
        guard var capability = providers[provider] else {
            return BankListRefresh(capabilities: self, unmatchedCodes: list.map(\.code))
        }
        var codes: [String: String] = [:]
        var unmatched: [String] = []
        for entry in list {
            guard let bank = Self.resolve(entry, in: directory) else {
                unmatched.append(entry.code)
                continue
            }
            codes[bank.id] = entry.code
            if let cap = entry.maximumTransfer { capability.onlineCaps[bank.id] = cap }
        }
        for bank in directory.banks where codes[bank.id] == nil {
            if let parent = bank.parentID, capability.bankCodes[bank.id] != nil, let code = codes[parent] {
                codes[bank.id] = code
            }
        }
        capability.bankCodes = codes
        var updated = self
        updated.providers[provider] = capability
        return BankListRefresh(capabilities: updated, unmatchedCodes: unmatched)
    }

    private static func resolve(_ entry: PublishedBank, in directory: BankDirectory) -> Bank? {
        if let bi = entry.biCode, let bank = directory.lookup(bi) { return bank }
        return directory.lookup(entry.code) ?? directory.lookup(entry.name)
    }
}
