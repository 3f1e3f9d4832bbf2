import Payouts

/// How soon money arrives once a rail accepts the payout; orders candidates after the fee.
public enum Settlement: String, Hashable, Sendable, CaseIterable {
    /// Credited in seconds (BI-FAST, online transfer, RTGS per transaction) [clearing-rules.md §1].
    case instant
    /// Credited later the same business day (SKN batch windows; bank-dependent H2H callbacks).
    case sameBusinessDay = "same_business_day"

    /// Smaller is faster.
    var speedRank: Int {
        switch self {
        case .instant: 0
        case .sameBusinessDay: 1
        }
    }
}
