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
}
