import Payouts

/// The reasons that name only a provider or a rail, written once: a route checks some hundred
/// rules, and building each of these sentences from its pieces again was a good part of its cost.
enum FixedReasons {
    struct ForProvider: Sendable {
        let enabled: String
        let disabled: String
        let circuitClosed: String
        let probeAllowed: String
        /// `<rail> offered by <provider>` and its refusal, by `Clearing.tieBreakRank`.
        let offered: [String]
        let disabledAt: [String]
    }

    struct ForRail: Sendable {
        let requested: String
        let paysEWallets: String
        let openAlways: String
        let openNow: String
    }

    static func of(_ provider: ProviderName) -> ForProvider { providers[provider.tieBreakRank] }
    static func of(_ clearing: Clearing) -> ForRail { rails[clearing.tieBreakRank] }

    /// By `ProviderName.tieBreakRank` and `Clearing.tieBreakRank`, each a position from 0.
    private static let rankedRails = Clearing.allCases.sorted { $0.tieBreakRank < $1.tieBreakRank }

    private static let providers: [ForProvider] = ProviderName.allCases.sorted { $0.tieBreakRank < $1.tieBreakRank }
        .map { provider in
            let name = provider.rawValue
            return ForProvider(
                enabled: "\(name) enabled", disabled: "\(name) disabled by configuration",
                circuitClosed: "\(name) circuit closed", probeAllowed: "\(name) circuit half-open: probe allowed",
                offered: rankedRails.map { "\($0.displayName) offered by \(name)" },
                disabledAt: rankedRails.map { "\($0.displayName) disabled at \(name) by configuration" })
        }

    private static let rails: [ForRail] = rankedRails.map { clearing in
        let rail = clearing.displayName
        return ForRail(requested: "\(rail) requested by the caller", paysEWallets: "\(rail) can pay e-wallets",
                       openAlways: "\(rail) open 24/7", openNow: "\(rail) window open now")
    }
}
