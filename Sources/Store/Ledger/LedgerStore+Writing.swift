import Ledger
import Postgres

extension LedgerStore {
    /// Inserts the journal and all its postings in one statement; the postings share the
    /// journal's `created_at` and take ids in the journal's order.
    func insert(_ journal: Journal, on connection: PostgresConnection) throws {
        try openAccounts(of: journal, on: connection)
        do {
            try connection.execute(
                """
                WITH journal AS (
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
                ])
        } catch {
            if error.sqlState == "23505", let refusal = Self.refusal(for: error, journal: journal) {
                throw refusal
            }
            throw error
        }
    }

    /// Creates the prefund accounts a journal names that do not exist yet; the fixed accounts
    /// come with the migration, so most journals skip this statement.
    private func openAccounts(of journal: Journal, on connection: PostgresConnection) throws {
        let fixed = Set(LedgerAccount.fixed)
        let accounts = Set(journal.postings.map(\.account)).subtracting(fixed).sorted()
        guard !accounts.isEmpty else { return }
        try connection.execute(
            """
            INSERT INTO ledger_accounts (code, normal_side)
            SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (code) DO NOTHING
            """,
            [
                .text(ArrayLiteral.text(accounts.map(\.code))),
                .text(ArrayLiteral.text(accounts.map(\.normalSide.rawValue))),
            ])
    }

    /// The ledger's name for a unique violation, by the index the server names.
    private static func refusal(for error: PostgresError, journal: Journal) -> (any Error)? {
        switch error.constraint {
        case "ledger_journals_pkey": LedgerError.duplicateJournal(journal.id)
        case "ledger_journals_one_hold_per_payout": LedgerError.holdAlreadyExists(payout: journal.payoutID ?? "")
        case "ledger_postings_one_pending_route": LedgerStoreError.concurrentChange
        default: nil
        }
    }
}
