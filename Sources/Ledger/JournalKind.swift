/// Why a journal was written; stored as its raw value.
public enum JournalKind: String, Sendable, Hashable, CaseIterable {
    /// Money placed at a provider (a prefund top-up); posted at once.
    case fund
    /// A payout's claim on the business's payout funds; pending until the payout is final.
    case hold
    /// A payout's reservation on the prefund of the provider the dispatcher chose; pending
    /// until the payout is final, voided when the dispatcher fails over to another provider.
    case route
    /// A provider's fee for a successful payout, taken from its prefund; posted at once.
    case fee
}
