/// An in-memory ledger: applies journals and status changes, answers balances.
///
/// A value type with no I/O, used by unit tests and as the model the database is compared with.
/// Every operation either applies completely or throws and leaves the book unchanged.
public struct LedgerBook: Sendable {
    /// Every journal recorded, by id, with its current status.
    public private(set) var journals: [String: Journal] = [:]
    /// Each payout's hold, by payout id.
    public private(set) var holds: [String: PayoutHold] = [:]
    private var totals: [LedgerAccount: Balance] = [:]

    /// An empty book.
    public init() {}

    /// The balance of one account (empty if never touched).
    public func balance(of account: LedgerAccount) -> Balance {
        totals[account] ?? Balance(normalSide: account.normalSide)
    }

    /// Balances by account code: the fixed accounts always, prefunds once touched.
    public var balances: [String: Balance] {
        var byCode: [String: Balance] = [:]
        for account in LedgerAccount.fixed { byCode[account.code] = balance(of: account) }
        for (account, balance) in totals { byCode[account.code] = balance }
        return byCode
    }

    /// Records a journal. A `hold` journal opens its payout's hold (one per payout); a `route`
    /// journal needs a pending hold of the same amount and voids the previous pending route.
    public mutating func record(_ journal: Journal) throws(LedgerError) {
        guard journals[journal.id] == nil else { throw .duplicateJournal(journal.id) }
        var next = self
        switch journal.kind {
        case .hold: try next.openHold(journal)
        case .route: try next.reroute(journal)
        case .fund, .fee: break
        }
        try next.apply(journal, from: nil)
        self = next
    }

    /// Records a top-up of `provider`'s prefund.
    public mutating func fund(provider: String, amount: Int64, id: String) throws(LedgerError) {
        try record(Holds.fund(provider: provider, amount: amount, id: id))
    }

    /// Holds `amount` for `payout`.
    public mutating func hold(payout: String, amount: Int64, id: String) throws(LedgerError) {
        try record(Holds.hold(payout: payout, amount: amount, id: id))
    }

    /// Moves the payout's pending hold onto `provider`'s prefund (again, on failover).
    public mutating func moveHold(payout: String, to provider: String, id: String) throws(LedgerError) {
        guard let hold = holds[payout] else { throw .holdNotFound(payout: payout) }
        try record(Holds.route(payout: payout, amount: hold.amount, to: provider, id: id))
    }

    /// Posts the payout's hold and route, and records the provider's `fee` (if positive) from its prefund.
    public mutating func post(payout: String, fee: Int64, feeJournalID: String) throws(LedgerError) {
        guard let hold = holds[payout] else { throw .holdNotFound(payout: payout) }
        let route = try hold.routeToPost()
        var next = self
        try next.change(hold.holdJournalID, to: .posted)
        try next.change(route.journalID, to: .posted)
        next.holds[payout]?.status = .posted
        if fee != 0 {
            try next.record(Holds.fee(payout: payout, amount: fee, provider: route.provider, id: feeJournalID))
        }
        self = next
    }

    /// Voids the payout's hold and its pending route, releasing the funds.
    public mutating func void(payout: String) throws(LedgerError) {
        guard let hold = holds[payout] else { throw .holdNotFound(payout: payout) }
        try hold.requirePending()
        var next = self
        try next.change(hold.holdJournalID, to: .voided)
        if let route = hold.route { try next.change(route.journalID, to: .voided) }
        next.holds[payout]?.status = .voided
        self = next
    }

    private mutating func openHold(_ journal: Journal) throws(LedgerError) {
        guard let payout = journal.payoutID else { throw .missingPayout(journal: journal.id) }
        guard holds[payout] == nil else { throw .holdAlreadyExists(payout: payout) }
        holds[payout] = PayoutHold(
            payout: payout, holdJournalID: journal.id, amount: journal.amount, status: .pending, route: nil)
    }

    private mutating func reroute(_ journal: Journal) throws(LedgerError) {
        guard let payout = journal.payoutID else { throw .missingPayout(journal: journal.id) }
        guard let hold = holds[payout] else { throw .holdNotFound(payout: payout) }
        try hold.requirePending()
        guard journal.amount == hold.amount,
            let provider = journal.postings.first(where: { $0.direction == .credit })?.account.provider
        else { throw .routeDoesNotMatchHold(payout: payout) }
        if let previous = hold.route { try change(previous.journalID, to: .voided) }
        holds[payout]?.route = PayoutHold.Route(journalID: journal.id, provider: provider)
    }

    /// Moves a pending journal's postings to `status` in the totals.
    private mutating func change(_ id: String, to status: PostingStatus) throws(LedgerError) {
        guard var journal = journals[id], journal.status == .pending else { return }
        journal.status = status
        try apply(journal, from: .pending)
    }

    /// Adds the journal under its status (first taking it out of `previous`), then stores it.
    private mutating func apply(_ journal: Journal, from previous: PostingStatus?) throws(LedgerError) {
        for posting in journal.postings {
            var balance = balance(of: posting.account)
            if let previous {
                _ = balance.add(posting, as: previous, sign: -1)
            }
            guard balance.add(posting, as: journal.status) else { throw .amountOverflow(journal: journal.id) }
            totals[posting.account] = balance
        }
        journals[journal.id] = journal
    }
}
