import Ledger
import Postgres

extension LedgerStore {
    /// Inserts the journal and all its postings in one statement, first creating any prefund
    /// account it names for the first time (postings' accounts are checked at commit, when that
    /// row exists). Postings share the journal's `created_at` and take ids
    /// in the journal's order.
    func insert(_ journal: Journal, on connection: PostgresConnection) throws {
        let newAccounts = Set(journal.postings.map(\.account)).subtracting(LedgerAccount.fixed).sorted()
        do {
            try connection.execute(
                """
                WITH account AS (
                    INSERT INTO ledger_accounts (code, normal_side)
                    SELECT * FROM unnest($8::text[], $9::text[]) ON CONFLICT (code) DO NOTHING
                ), journal AS (
                    INSERT INTO ledger_journals (id, kind, payout_id) VALUES ($1, $2, $3)
                    RETURNING id, payout_id, created_at
                )
                INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status, created_at, updated_at)
                SELECT journal.id, journal.payout_id, line.account, line.direction, line.amount, $4,
                       journal.created_at, journal.created_at
                FROM journal, unnest($5::text[], $6::text[], $7::bigint[]) WITH ORDINALITY
                    AS line (account, direction, amount, position)
                ORDER BY line.position
                """,
                [
                    .text(journal.id), .text(journal.kind.rawValue), PostgresValue(journal.payoutID),
                    .text(journal.status.rawValue),
                    .text(ArrayLiteral.text(journal.postings.map(\.account.code))),
                    .text(ArrayLiteral.text(journal.postings.map(\.direction.rawValue))),
                    .text(ArrayLiteral.bigint(journal.postings.map(\.amount))),
                    .text(ArrayLiteral.text(newAccounts.map(\.code))),
                    .text(ArrayLiteral.text(newAccounts.map(\.normalSide.rawValue))),
                ])
        } catch {
            if error.sqlState == "23505", let refusal = Self.refusal(for: error, journal: journal) {
                throw refusal
            }
            throw error
        }
    }

    /// The ledger's name for a unique violation, by the index the server names.
    static func refusal(for error: PostgresError, journal: Journal) -> (any Error)? {
        switch error.constraint {
        case "ledger_journals_pkey": LedgerError.duplicateJournal(journal.id)
        case "ledger_journals_one_hold_per_payout": LedgerError.holdAlreadyExists(payout: journal.payoutID ?? "")
        case "ledger_postings_one_pending_route": LedgerStoreError.concurrentChange
        default: nil
        }
    }
}
