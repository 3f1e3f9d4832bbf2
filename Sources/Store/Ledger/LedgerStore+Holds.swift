import Ledger
import Postgres

extension LedgerStore {
    /// The payout's hold as stored, or nil when it has none.
    public func payoutHold(of payoutID: String, on connection: PostgresConnection) throws -> PayoutHold? {
        try readHold(of: payoutID, lock: false, on: connection)
    }

    /// The payout's hold with its credit postings locked (`FOR UPDATE`) until the caller's
    /// transaction ends, so two dispatchers cannot post and void the same hold at once. The
    /// postings are locked rather than the journals because postings are what a post or void
    /// updates: a waiting reader then re-reads their new status (READ COMMITTED re-checks locked
    /// rows only), where a lock on the never-updated journal rows would hand it a stale `pending`.
    func payoutHold(of payoutID: String, lockingOn connection: PostgresConnection) throws -> PayoutHold {
        guard let hold = try readHold(of: payoutID, lock: true, on: connection) else {
            throw LedgerError.holdNotFound(payout: payoutID)
        }
        return hold
    }

    private func readHold(of payoutID: String, lock: Bool, on connection: PostgresConnection) throws -> PayoutHold? {
        // Each hold and route journal has exactly one credit posting: in flight, or the prefund.
        let rows = try connection.query(
            """
            SELECT j.id, j.kind, p.status, p.amount, p.account
            FROM ledger_journals j JOIN ledger_postings p ON p.journal_id = j.id AND p.direction = 'credit'
            WHERE j.payout_id = $1 AND j.kind IN ('hold', 'route')
            ORDER BY p.id
            """ + (lock ? " FOR UPDATE OF p" : ""),
            [.text(payoutID)])
        var hold: PayoutHold?
        // Failover voids a route while the hold stays pending; voiding the hold voids its last
        // route with it. So the route that counts is the last live one, or the last one of all
        // once the hold is voided.
        var liveRoute: PayoutHold.Route?
        var lastRoute: PayoutHold.Route?
        for row in rows {
            let id = try row.decode("id", as: String.self)
            let status = try Self.status(try row.decode("status", as: String.self))
            if try row.decode("kind", as: String.self) == JournalKind.hold.rawValue {
                hold = PayoutHold(
                    payout: payoutID, holdJournalID: id, amount: try row.decode("amount", as: Int64.self),
                    status: status, route: nil)
            } else {
                let account = try LedgerAccount(code: try row.decode("account", as: String.self))
                lastRoute = PayoutHold.Route(journalID: id, provider: account.provider ?? "")
                if status != .voided { liveRoute = lastRoute }
            }
        }
        let route = hold?.status == .voided ? lastRoute : liveRoute
        hold?.route = route
        return hold
    }

    static func status(_ text: String) throws -> PostingStatus {
        guard let status = PostingStatus(rawValue: text) else { throw LedgerStoreError.unreadableRow("status") }
        return status
    }
}
