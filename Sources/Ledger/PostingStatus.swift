/// Where a posting stands in the two-phase life of funds (DESIGN.md ledger entry `status`).
///
/// Every posting of a journal shares one status: a journal is recorded `pending` (a hold) or
/// `posted` (final at once), and a pending journal later becomes `posted` or `voided` as a whole,
/// exactly once. A voided posting stays in the books so history is never rewritten.
public enum PostingStatus: String, Sendable, Hashable, CaseIterable {
    /// Reserved: counts against the account's available balance, not its posted balance.
    case pending
    /// Final: counts in the posted balance.
    case posted
    /// Released: counts nowhere.
    case voided
}
