import Ledger
import Postgres

extension LedgerStore {
    /// Every account's balance, by code, summed from its postings.
    public func balances(on connection: PostgresConnection) throws -> [String: Balance] {
        let rows = try connection.query(
            """
            SELECT a.code, a.normal_side,
                   coalesce(sum(p.amount) FILTER (WHERE p.status = 'posted' AND p.direction = 'debit'), 0) AS posted_debits,
                   coalesce(sum(p.amount) FILTER (WHERE p.status = 'posted' AND p.direction = 'credit'), 0) AS posted_credits,
                   coalesce(sum(p.amount) FILTER (WHERE p.status = 'pending' AND p.direction = 'debit'), 0) AS pending_debits,
                   coalesce(sum(p.amount) FILTER (WHERE p.status = 'pending' AND p.direction = 'credit'), 0) AS pending_credits
            FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account = a.code
            GROUP BY a.code, a.normal_side
            """)
        var balances: [String: Balance] = [:]
        for row in rows {
            balances[try row.decode("code", as: String.self)] = Balance(
                normalSide: try Self.direction(try row.decode("normal_side", as: String.self)),
                postedDebits: try row.decode("posted_debits", as: Int64.self),
                postedCredits: try row.decode("posted_credits", as: Int64.self),
                pendingDebits: try row.decode("pending_debits", as: Int64.self),
                pendingCredits: try row.decode("pending_credits", as: Int64.self))
        }
        return balances
    }

    /// One page of entries matching `filter`, newest first (`created_at DESC, id DESC`), starting
    /// after `cursor`. Every entry appears on exactly one page even while new ones are written:
    /// new entries sort before any cursor already handed out.
    public func entries(
        filter: LedgerEntryFilter, after cursor: LedgerCursor?, limit: Int, on connection: PostgresConnection
    ) throws -> LedgerPage {
        guard (1...Self.pageSizeMax).contains(limit) else { throw LedgerStoreError.invalidPageSize(limit) }
        let rows = try connection.query(
            """
            SELECT id, journal_id, payout_id, account, direction, amount, status,
                   to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
                   (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros
            FROM ledger_postings
            WHERE ($1::text IS NULL OR account = $1)
              AND ($2::text IS NULL OR payout_id = $2)
              AND ($3::text IS NULL OR status = $3)
              AND ($4::timestamptz IS NULL OR created_at >= $4)
              AND ($5::timestamptz IS NULL OR created_at < $5)
              AND ($6::bigint IS NULL
                   OR (created_at, id) < (timestamptz 'epoch' + $6::bigint * interval '1 microsecond', $7::bigint))
            ORDER BY created_at DESC, id DESC
            LIMIT $8
            """,
            [
                PostgresValue(filter.account), PostgresValue(filter.payoutID), PostgresValue(filter.status?.rawValue),
                PostgresValue(filter.createdFrom), PostgresValue(filter.createdTo),
                PostgresValue(cursor?.createdAtMicros), PostgresValue(cursor?.id), .integer(Int64(limit) + 1),
            ])
        // One row past the page says whether another page follows, without a count.
        let entries = try rows.prefix(limit).map(Self.entry)
        return LedgerPage(entries: entries, nextCursor: rows.count > limit ? entries.last?.cursor : nil)
    }

    private static func entry(_ row: PostgresRow) throws -> LedgerEntry {
        let id = try row.decode("id", as: Int64.self)
        return LedgerEntry(
            id: id,
            journalID: try row.decode("journal_id", as: String.self),
            payoutID: try row.decode("payout_id", as: String?.self),
            account: try row.decode("account", as: String.self),
            direction: try direction(try row.decode("direction", as: String.self)),
            amount: try row.decode("amount", as: Int64.self),
            status: try status(try row.decode("status", as: String.self)),
            createdAt: try row.decode("created_at", as: String.self),
            cursor: LedgerCursor(createdAtMicros: try row.decode("created_micros", as: Int64.self), id: id))
    }

    static func direction(_ text: String) throws -> Direction {
        guard let direction = Direction(rawValue: text) else { throw LedgerStoreError.unreadableRow("direction") }
        return direction
    }
}
