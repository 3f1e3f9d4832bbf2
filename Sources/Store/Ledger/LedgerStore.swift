import Ledger
import Postgres

/// Writes and reads the ledger in PostgreSQL.
///
/// Every function takes the caller's connection, so ledger writes join the caller's transaction
/// with the payout row, outbox job and idempotency key: all commit or none. A thrown error can
/// leave part of an operation written in that transaction, so the caller must roll back (as
/// `PostgresPool.withTransaction` does), never carry on and commit. The rules are `Ledger`'s
/// (`Holds`, `PayoutHold`); the database checks again at commit that each journal sums to zero.
public struct LedgerStore: Sendable {
    /// Largest page `entries` returns.
    public static let pageSizeMax = 500

    /// Makes a store; it holds no state.
    public init() {}

    /// Records a journal in one statement (two when it touches a provider's prefund account for
    /// the first time). A `route` journal goes through `moveHold`'s checks; a second journal with
    /// the same id is `LedgerError.duplicateJournal`, a second hold for a payout `.holdAlreadyExists`.
    public func record(_ journal: Journal, on connection: PostgresConnection) throws {
        if journal.kind == .route {
            guard let payout = journal.payoutID else { throw LedgerError.missingPayout(journal: journal.id) }
            let hold = try payoutHold(of: payout, lockingOn: connection)
            try reroute(hold, with: journal, on: connection)
        } else {
            try insert(journal, on: connection)
        }
    }

    /// Records a top-up of `provider`'s prefund.
    public func fund(provider: String, amount: Int64, id: String, on connection: PostgresConnection) throws {
        try insert(Holds.fund(provider: provider, amount: amount, id: id), on: connection)
    }

    /// Holds `amount` of the business's payout funds for `payout`: one INSERT statement.
    public func hold(payout: String, amount: Int64, id: String, on connection: PostgresConnection) throws {
        // The rules check the journal; the SQL function `ledger_hold` writes exactly these postings.
        let journal = try Holds.hold(payout: payout, amount: amount, id: id)
        do {
            try connection.execute("SELECT ledger_hold($1, $2::bigint, $3)", [.text(payout), .integer(amount), .text(id)])
        } catch {
            if error.sqlState == "23505", let refusal = Self.refusal(for: error, journal: journal) { throw refusal }
            throw error
        }
    }

    /// Moves the payout's pending hold onto `provider`'s prefund, voiding the previous route on failover.
    public func moveHold(payout: String, to provider: String, id: String, on connection: PostgresConnection) throws {
        let hold = try payoutHold(of: payout, lockingOn: connection)
        try reroute(hold, with: Holds.route(payout: payout, amount: hold.amount, to: provider, id: id), on: connection)
    }

    /// Posts the payout's hold and route and records the provider's `fee` (when positive) from its
    /// prefund. A second post or a post after void throws and changes nothing.
    public func post(
        holdOf payoutID: String, fee: Int64, feeJournalID: String, on connection: PostgresConnection
    ) throws {
        let hold = try payoutHold(of: payoutID, lockingOn: connection)
        let route = try hold.routeToPost()
        let feeJournal = fee == 0 ? nil
            : try Holds.fee(payout: payoutID, amount: fee, provider: route.provider, id: feeJournalID)
        try setStatus(.posted, of: hold.holdJournalID, and: route.journalID, on: connection)
        if let feeJournal { try insert(feeJournal, on: connection) }
    }

    /// Voids the payout's hold and pending route, releasing the funds. A second void or a void
    /// after post throws and changes nothing.
    public func void(holdOf payoutID: String, on connection: PostgresConnection) throws {
        let hold = try payoutHold(of: payoutID, lockingOn: connection)
        try hold.requirePending()
        try setStatus(.voided, of: hold.holdJournalID, and: hold.route?.journalID, on: connection)
    }

    /// Voids the payout's pending route, if any, and keeps its hold: the provider refused the
    /// payout, so its prefund no longer carries it while the payout waits for the next one
    /// (possibly for a rail that opens after a weekend).
    public func unroute(holdOf payoutID: String, on connection: PostgresConnection) throws {
        let hold = try payoutHold(of: payoutID, lockingOn: connection)
        try hold.requirePending()
        if let route = hold.route { try setStatus(.voided, of: route.journalID, on: connection) }
    }

    private func reroute(_ hold: PayoutHold, with journal: Journal, on connection: PostgresConnection) throws {
        try hold.requirePending()
        guard journal.amount == hold.amount else { throw LedgerError.routeDoesNotMatchHold(payout: hold.payout) }
        if let previous = hold.route { try setStatus(.voided, of: previous.journalID, on: connection) }
        try insert(journal, on: connection)
    }

    /// Moves every pending posting of `journal` (and `other`) to `status`; the guard trigger refuses
    /// other moves. Moving none means another transaction got there first despite the lock: refuse
    /// rather than write a fee for a post that did not happen.
    private func setStatus(_ status: PostingStatus, of journal: String, and other: String? = nil,
                           on connection: PostgresConnection) throws {
        // The status test is written so no index can serve it: statistics taken while few postings
        // were pending led the planner to walk every pending posting (the index on status) rather
        // than find the journals' few.
        let moved = try connection.execute(
            """
            UPDATE ledger_postings SET status = $1, updated_at = now()
            WHERE journal_id IN ($2, $3) AND (status = 'pending') IS TRUE
            """,
            [.text(status.rawValue), .text(journal), PostgresValue(other)])
        guard moved > 0 else { throw LedgerStoreError.concurrentChange }
    }
}
