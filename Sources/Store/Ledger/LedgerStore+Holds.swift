import Ledger
import Postgres

extension LedgerStore {
    /// The payout's hold as stored, or nil when it has none.
    public func payoutHold(of payoutID: String, on connection: PostgresConnection) throws -> PayoutHold? {
        try readHold(of: payoutID, on: connection)
    }

    /// The payout's hold, read after locking its hold journal row (`FOR UPDATE`) until the
    /// caller's transaction ends, so two dispatchers settle or move the same hold one at a time.
    /// The read is a second statement on purpose: under READ COMMITTED it takes a fresh snapshot
    /// after the lock is granted, so it sees everything the previous holder of the lock committed
    /// (a status it changed, a route it added); a single locking SELECT would not see new rows.
    func payoutHold(of payoutID: String, lockingOn connection: PostgresConnection) throws -> PayoutHold {
        let locked = try connection.query(
            "SELECT id FROM ledger_journals WHERE payout_id = $1 AND kind = 'hold' FOR UPDATE", [.text(payoutID)])
        guard !locked.isEmpty, let hold = try readHold(of: payoutID, on: connection) else {
            throw LedgerError.holdNotFound(payout: payoutID)
        }
        return hold
    }

    private func readHold(of payoutID: String, on connection: PostgresConnection) throws -> PayoutHold? {
        // Each hold and route journal has exactly one credit posting: in flight, or the prefund.
        // The postings are found by their own payout_id (indexed, and equal to their journal's by
        // the journal check), so the plan starts from an index on either table. Filtered on the
        // journal's payout_id, a planner whose statistics were taken while the ledger was nearly
        // empty chose to scan every posting instead: 100 ms a call in the end-to-end bench.
        let rows = try connection.query(
            """
            SELECT j.id, j.kind, p.status, p.amount, p.account
            FROM ledger_postings p JOIN ledger_journals j ON j.id = p.journal_id
            WHERE p.payout_id = $1 AND p.direction = 'credit' AND j.kind IN ('hold', 'route')
            ORDER BY p.id
            """,
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
