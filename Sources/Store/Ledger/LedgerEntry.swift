import Ledger

/// One posting as finance tools read it (DESIGN.md "a ledger entry").
public struct LedgerEntry: Sendable, Hashable {
    /// The posting's id, increasing with insertion.
    public var id: Int64
    /// The journal it belongs to.
    public var journalID: String
    /// The payout of that journal; nil for top-ups.
    public var payoutID: String?
    /// The account code.
    public var account: String
    /// Debit or credit.
    public var direction: Direction
    /// Whole rupiah.
    public var amount: Int64
    /// Pending, posted or voided.
    public var status: PostingStatus
    /// When it was written, as `2026-11-21T05:17:12.123456Z` (UTC, microseconds).
    public var createdAt: String
    /// The cursor that continues a listing after this entry.
    public var cursor: LedgerCursor
}
