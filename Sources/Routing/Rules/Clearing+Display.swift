import Payouts

extension Clearing {
    /// How reasons name the rail: the rails' own spelling (BIFAST, LLG, RTGS as Duitku's `type`
    /// field writes them [seed-004]); `auto` on a candidate means the provider picks the rail.
    var displayName: String {
        switch self {
        case .auto: "provider-chosen rail"
        case .online: "online"
        case .bifast: "BIFAST"
        case .llg: "LLG"
        case .rtgs: "RTGS"
        case .h2h: "H2H"
        }
    }

    /// Fixed order used to break the last tie, so equal candidates always sort the same way.
    var tieBreakRank: Int {
        switch self {
        case .bifast: 0
        case .online: 1
        case .auto: 2
        case .h2h: 3
        case .rtgs: 4
        case .llg: 5
        }
    }
}

extension ProviderName {
    /// Fixed order used to break the last tie between providers of equal priority.
    var tieBreakRank: Int {
        switch self {
        case .duitku: 0
        case .durianpay: 1
        case .doku: 2
        case .singapay: 3
        }
    }
}
