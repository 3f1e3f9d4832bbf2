/// Where a payout's funds stand: its hold journal and, once routed, its route journal.
///
/// Shared by `LedgerBook` and the store, so both refuse the same things for the same reasons.
public struct PayoutHold: Sendable, Hashable {
    /// The payout.
    public var payout: String
    /// Its hold journal.
    public var holdJournalID: String
    /// The amount held.
    public var amount: Int64
    /// The status of the hold journal; the route journal, if any, follows it on post and void.
    public var status: PostingStatus
    /// The pending or final route journal and its provider; nil while unrouted.
    public var route: Route?

    /// A route journal and the provider whose prefund it reserves.
    public struct Route: Sendable, Hashable {
        /// The route journal.
        public var journalID: String
        /// The provider.
        public var provider: String

        /// Makes a route.
        public init(journalID: String, provider: String) {
            self.journalID = journalID
            self.provider = provider
        }
    }

    /// Makes a hold.
    public init(payout: String, holdJournalID: String, amount: Int64, status: PostingStatus, route: Route?) {
        self.payout = payout
        self.holdJournalID = holdJournalID
        self.amount = amount
        self.status = status
        self.route = route
    }

    /// Throws unless the hold is still pending: a hold is posted or voided exactly once.
    public func requirePending() throws(LedgerError) {
        switch status {
        case .pending: return
        case .posted: throw .holdAlreadyPosted(payout: payout)
        case .voided: throw .holdAlreadyVoided(payout: payout)
        }
    }

    /// The route to post, or why posting is refused.
    public func routeToPost() throws(LedgerError) -> Route {
        try requirePending()
        guard let route else { throw .holdNotRouted(payout: payout) }
        return route
    }
}
