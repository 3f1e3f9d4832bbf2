/// A set of postings written together that sums to zero: debits equal credits.
///
/// The initialiser is the only way to make one, so an unbalanced journal cannot exist.
public struct Journal: Sendable, Hashable {
    /// Longest accepted id, in UTF-8 bytes; ids are chosen by the caller so retries can reuse them.
    public static let idLengthMax = 100

    /// Unique across the ledger.
    public let id: String
    /// Why it was written.
    public let kind: JournalKind
    /// The payout it belongs to; required for every kind but `fund`.
    public let payoutID: String?
    /// The status all its postings share; changes only from pending to posted or voided.
    public internal(set) var status: PostingStatus
    /// At least two lines, debits summing to credits.
    public let postings: [Posting]

    /// Checks the shape: an id, a payout unless it is a top-up, at least two postings, all amounts positive, debits equal to
    /// credits without overflow, and a status of pending or posted.
    public init(
        id: String, kind: JournalKind, payoutID: String?, status: PostingStatus, postings: [Posting]
    ) throws(LedgerError) {
        guard (1...Self.idLengthMax).contains(id.utf8.count) else { throw .invalidJournalID }
        guard status != .voided else { throw .recordedAsVoided(journal: id) }
        guard kind == .fund || payoutID != nil else { throw .missingPayout(journal: id) }
        guard postings.count >= 2 else { throw .tooFewPostings(journal: id) }
        var debits: Int64 = 0
        var credits: Int64 = 0
        for posting in postings {
            guard posting.amount > 0 else { throw .nonPositiveAmount(journal: id) }
            let overflow: Bool
            if posting.direction == .debit {
                (debits, overflow) = debits.addingReportingOverflow(posting.amount)
            } else {
                (credits, overflow) = credits.addingReportingOverflow(posting.amount)
            }
            guard !overflow else { throw .amountOverflow(journal: id) }
        }
        guard debits == credits else { throw .unbalanced(journal: id, debits: debits, credits: credits) }
        self.id = id
        self.kind = kind
        self.payoutID = payoutID
        self.status = status
        self.postings = postings
    }

    /// The sum of its debits (equal to the sum of its credits).
    public var amount: Int64 {
        postings.filter { $0.direction == .debit }.reduce(0) { $0 + $1.amount }
    }
}
