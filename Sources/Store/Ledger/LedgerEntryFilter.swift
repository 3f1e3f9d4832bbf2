import Ledger

/// Which entries a listing returns; nil fields do not filter.
public struct LedgerEntryFilter: Sendable, Hashable {
    /// Only this account code.
    public var account: String?
    /// Only this payout's entries.
    public var payoutID: String?
    /// Only entries in this status.
    public var status: PostingStatus?
    /// Only entries created at or after this instant: a timestamp PostgreSQL reads as
    /// `timestamptz`; include the offset (`2026-11-21T00:00:00+07:00`).
    public var createdFrom: String?
    /// Only entries created before this instant (exclusive), in the same form.
    public var createdTo: String?

    /// Makes a filter; no arguments means every entry.
    public init(
        account: String? = nil, payoutID: String? = nil, status: PostingStatus? = nil,
        createdFrom: String? = nil, createdTo: String? = nil
    ) {
        self.account = account
        self.payoutID = payoutID
        self.status = status
        self.createdFrom = createdFrom
        self.createdTo = createdTo
    }
}
