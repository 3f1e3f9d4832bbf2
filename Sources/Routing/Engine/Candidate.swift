import Payouts

/// One way to pay: a provider and a rail, with the verdict and every rule's reason.
public struct Candidate: Hashable, Sendable {
    /// The provider.
    public let provider: ProviderName
    /// The rail; `.auto` when the provider picks it.
    public let clearing: Clearing
    /// Whether the payout may take this route, now or at `opensAt`.
    public let eligible: Bool
    /// One line per rule, passed or failed, in the order they were checked.
    public let reasons: [String]
    /// What the provider charges on this rail.
    public let fee: Money
    /// How fast money arrives once sent.
    public let settlement: Settlement
    /// Whether the rail takes instructions right now.
    public let isOpenNow: Bool
    /// When a closed rail opens next; nil when open now (or never within the calendar).
    public let opensAt: Timestamp?
    /// The destination in the provider's code scheme (`014`, `CENAIDJA`, `bca`), when payable.
    public let bankCode: String?
    /// The provider's configured priority (smaller preferred).
    public let priority: Int
    /// True when the only failed rule is the provider's circuit (for `provider_unavailable`).
    let failedOnlyOnHealth: Bool
    /// True when every rule passed but the rail is closed and the caller demanded immediacy.
    let failedOnlyOnWindow: Bool

    /// What the payout can expect: the rail's speed now, or the instant it will be sent.
    public var expectedSettlement: ExpectedSettlement {
        if isOpenNow { return settlement == .instant ? .instant : .sameBusinessDay }
        return opensAt.map(ExpectedSettlement.scheduled) ?? .sameBusinessDay
    }

    /// The preference order of the issue: open before scheduled, then cheapest, then fastest,
    /// then provider priority; provider and rail names break any remaining tie so the order is total.
    var preferenceKey: (Int, Int64, Int, Int, Int, Int) {
        (eligible ? (isOpenNow ? 0 : 1) : 2, fee.rupiah, settlement.speedRank, priority,
         provider.tieBreakRank, clearing.tieBreakRank)
    }
}

/// When money from a route is expected to arrive.
public enum ExpectedSettlement: Hashable, Sendable {
    /// Seconds after sending.
    case instant
    /// Later the same business day.
    case sameBusinessDay
    /// Sent when the rail opens at this instant.
    case scheduled(Timestamp)

    /// The wire form: "instant", "same_business_day", or the RFC 3339 WIB instant.
    public var text: String {
        switch self {
        case .instant: "instant"
        case .sameBusinessDay: "same_business_day"
        case let .scheduled(instant): BusinessCalendar.rfc3339(instant)
        }
    }
}
