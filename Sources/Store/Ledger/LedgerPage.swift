/// One page of entries, newest first, and the cursor of the next page (nil on the last).
public struct LedgerPage: Sendable, Hashable {
    /// The entries, `created_at DESC, id DESC`.
    public var entries: [LedgerEntry]
    /// Pass to the next call; nil when no entries follow.
    public var nextCursor: LedgerCursor?
}
