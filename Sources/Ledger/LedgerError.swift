/// What the ledger refused, and why. Cases name what happened, as TigerBeetle's result codes do.
public enum LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A journal needs at least two postings.
    case tooFewPostings(journal: String)
    /// A posting amount was zero or negative.
    case nonPositiveAmount(journal: String)
    /// Debits and credits of a journal differ.
    case unbalanced(journal: String, debits: Int64, credits: Int64)
    /// A sum left the range of Int64.
    case amountOverflow(journal: String)
    /// A journal id was empty or longer than `Journal.idLengthMax`.
    case invalidJournalID
    /// A journal cannot be recorded as already voided.
    case recordedAsVoided(journal: String)
    /// An account code or provider name is not one the ledger knows.
    case invalidAccountCode(String)
    /// A journal with this id is already in the books.
    case duplicateJournal(String)
    /// The payout already has a hold.
    case holdAlreadyExists(payout: String)
    /// The payout has no hold.
    case holdNotFound(payout: String)
    /// The payout's hold was posted already; it cannot be posted, voided or moved again.
    case holdAlreadyPosted(payout: String)
    /// The payout's hold was voided already; it cannot be posted, voided or moved again.
    case holdAlreadyVoided(payout: String)
    /// A hold or route journal names no payout.
    case missingPayout(journal: String)
    /// A route journal's amount differs from its payout's hold.
    case routeDoesNotMatchHold(payout: String)
    /// Posting needs the hold to be against a provider first (`moveHold`).
    case holdNotRouted(payout: String)

    /// Names the case and the journal or payout, never amounts of other parties.
    public var description: String {
        switch self {
        case .tooFewPostings(let id): "journal \(id) has fewer than two postings"
        case .nonPositiveAmount(let id): "journal \(id) has a posting amount that is not positive"
        case .unbalanced(let id, let debits, let credits):
            "journal \(id) does not balance: debits \(debits), credits \(credits)"
        case .amountOverflow(let id): "journal \(id) overflows a 64-bit amount"
        case .invalidJournalID: "a journal id must have 1 to \(Journal.idLengthMax) characters"
        case .recordedAsVoided(let id): "journal \(id) cannot be recorded as voided"
        case .invalidAccountCode(let code): "unknown ledger account code \(code)"
        case .duplicateJournal(let id): "journal \(id) already exists"
        case .holdAlreadyExists(let payout): "payout \(payout) already has a hold"
        case .holdNotFound(let payout): "payout \(payout) has no hold"
        case .holdAlreadyPosted(let payout): "the hold of payout \(payout) is already posted"
        case .holdAlreadyVoided(let payout): "the hold of payout \(payout) is already voided"
        case .missingPayout(let id): "journal \(id) names no payout"
        case .routeDoesNotMatchHold(let payout): "the route of payout \(payout) does not match its hold"
        case .holdNotRouted(let payout): "the hold of payout \(payout) is not against any provider"
        }
    }
}
