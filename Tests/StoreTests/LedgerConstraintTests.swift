import Postgres
import Testing

/// The database refuses what the Ledger room refuses, even for SQL written by hand.
@Suite struct LedgerConstraintTests {
    /// Runs `statements` in a transaction that must fail only at COMMIT, with `constraint` named.
    private func expectRefusedAtCommit(_ statements: [String], constraint: String) async throws {
        try await withLedgerDatabase { pool in
            try await pool.withConnection { connection in
                try connection.execute("BEGIN")
                for statement in statements { try connection.execute(statement) }
                let error = #expect(throws: PostgresError.self) { try connection.execute("COMMIT") }
                #expect(error?.sqlState == "23514")
                #expect(error?.constraint == constraint)
            }
            let count = try await pool.withConnection { connection in
                try connection.query("SELECT count(*) FROM ledger_journals")[0].decode(0, as: Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test func unbalancedJournalFailsAtCommit() async throws {
        try await expectRefusedAtCommit([
            "INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('bad', 'hold', 'po_x')",
            """
            INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status) VALUES
                ('bad', 'po_x', 'available_for_payouts', 'debit', 100, 'pending'),
                ('bad', 'po_x', 'payouts_in_flight', 'credit', 99, 'pending')
            """,
        ], constraint: "ledger_journal_balanced")
    }

    @Test func journalWithoutPostingsFailsAtCommit() async throws {
        try await expectRefusedAtCommit(
            ["INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('empty', 'hold', 'po_x')"],
            constraint: "ledger_journal_balanced")
    }

    @Test func journalWithMixedStatusesFailsAtCommit() async throws {
        try await expectRefusedAtCommit([
            "INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('mixed', 'hold', 'po_x')",
            """
            INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status) VALUES
                ('mixed', 'po_x', 'available_for_payouts', 'debit', 100, 'pending'),
                ('mixed', 'po_x', 'payouts_in_flight', 'credit', 100, 'posted')
            """,
        ], constraint: "ledger_journal_balanced")
    }

    /// A journal is checked once per firing, not once per row; a second journal written in the
    /// same transaction is still checked on its own.
    @Test func aBadJournalAfterAGoodOneInTheSameTransactionFailsAtCommit() async throws {
        try await expectRefusedAtCommit([
            "INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('good', 'hold', 'po_a'), ('bad', 'hold', 'po_b')",
            """
            INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status) VALUES
                ('good', 'po_a', 'available_for_payouts', 'debit', 100, 'pending'),
                ('good', 'po_a', 'payouts_in_flight', 'credit', 100, 'pending'),
                ('bad', 'po_b', 'available_for_payouts', 'debit', 100, 'pending'),
                ('bad', 'po_b', 'payouts_in_flight', 'credit', 90, 'pending')
            """,
        ], constraint: "ledger_journal_balanced")
    }

    /// With the checks made immediate, a journal that passed at the end of one statement is
    /// checked again when a later statement adds to it: the mark of a passed check does not
    /// outlive the statement that wrote the rows.
    @Test func immediateChecksCheckAJournalAgainAfterALaterStatementChangesIt() async throws {
        try await withLedgerDatabase { pool in
            try await pool.withConnection { connection in
                try connection.execute("BEGIN")
                try connection.execute("SET CONSTRAINTS ALL IMMEDIATE")
                try connection.execute("""
                    WITH j AS (INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('j', 'hold', 'po_x') RETURNING id)
                    INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status)
                    SELECT j.id, 'po_x', line.account, line.direction, 100, 'pending' FROM j,
                        (VALUES ('available_for_payouts', 'debit'), ('payouts_in_flight', 'credit')) AS line (account, direction)
                    """)
                let error = #expect(throws: PostgresError.self) {
                    try connection.execute("""
                        INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status)
                        VALUES ('j', 'po_x', 'available_for_payouts', 'debit', 50, 'pending')
                        """)
                }
                #expect(error?.constraint == "ledger_journal_balanced")
                try connection.execute("ROLLBACK")
            }
        }
    }

    @Test func postingHalfAHoldFailsAtCommit() async throws {
        try await withLedgerDatabase { pool in
            try await pool.withTransaction { connection in
                try connection.execute("INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('h', 'hold', 'po_x')")
                try connection.execute("""
                    INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status) VALUES
                        ('h', 'po_x', 'available_for_payouts', 'debit', 100, 'pending'),
                        ('h', 'po_x', 'payouts_in_flight', 'credit', 100, 'pending')
                    """)
            }
            try await pool.withConnection { connection in
                try connection.execute("BEGIN")
                try connection.execute(
                    "UPDATE ledger_postings SET status = 'posted' WHERE account = 'payouts_in_flight'")
                let error = #expect(throws: PostgresError.self) { try connection.execute("COMMIT") }
                #expect(error?.constraint == "ledger_journal_balanced")
            }
        }
    }

    @Test func postedPostingNeverChangesAgain() async throws {
        try await withLedgerDatabase { pool in
            try await pool.withTransaction { connection in
                try connection.execute("INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('h', 'hold', 'po_x')")
                try connection.execute("""
                    INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status) VALUES
                        ('h', 'po_x', 'available_for_payouts', 'debit', 100, 'posted'),
                        ('h', 'po_x', 'payouts_in_flight', 'credit', 100, 'posted')
                    """)
            }
            for statement in [
                "UPDATE ledger_postings SET status = 'voided'",
                "UPDATE ledger_postings SET status = 'pending'",
                "UPDATE ledger_postings SET amount = amount + 1",
                "DELETE FROM ledger_postings",
                "DELETE FROM ledger_journals",
            ] {
                let error = await #expect(throws: PostgresError.self, "\(statement)") {
                    try await pool.withTransaction { connection in try connection.execute(statement) }
                }
                #expect(error?.sqlState == "23514", "\(statement)")
            }
        }
    }

    @Test func unknownAccountAndNonPositiveAmountAreRefused() async throws {
        try await withLedgerDatabase { pool in
            for (account, amount) in [("cash", 5), ("available_for_payouts", 0)] {
                await #expect(throws: PostgresError.self) {
                    try await pool.withTransaction { connection in
                        try connection.execute("INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('j', 'hold', 'po')")
                        try connection.execute(
                            """
                            INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status)
                            VALUES ('j', 'po', $1, 'debit', $2, 'pending')
                            """, [.text(account), .integer(Int64(amount))])
                    }
                }
            }
        }
    }

    /// A balanced journal naming an account that does not exist is refused at commit: postings
    /// have no foreign keys (migration 9), so the journal check carries this.
    @Test func balancedJournalOnUnknownAccountFailsAtCommit() async throws {
        try await withLedgerDatabase { pool in
            try await pool.withConnection { connection in
                try connection.execute("BEGIN")
                try connection.execute("INSERT INTO ledger_journals (id, kind, payout_id) VALUES ('j', 'hold', 'po_x')")
                try connection.execute("""
                    INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status) VALUES
                        ('j', 'po_x', 'provider:nobody:prefunded', 'debit', 100, 'pending'),
                        ('j', 'po_x', 'payouts_in_flight', 'credit', 100, 'pending')
                    """)
                let error = #expect(throws: PostgresError.self) { try connection.execute("COMMIT") }
                #expect(error?.sqlState == "23503")
                #expect(error?.constraint == "ledger_posting_account")
            }
        }
    }

    @Test func postingsWithoutTheirJournalFailAtCommit() async throws {
        try await expectRefusedAtCommit([
            """
            INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status) VALUES
                ('ghost', 'po_x', 'available_for_payouts', 'debit', 100, 'pending'),
                ('ghost', 'po_x', 'payouts_in_flight', 'credit', 100, 'pending')
            """,
        ], constraint: "ledger_journal_balanced")
    }

    @Test func ledgerAccountsAreNeverChangedOrDeleted() async throws {
        try await withLedgerDatabase { pool in
            for statement in [
                "DELETE FROM ledger_accounts WHERE code = 'provider_fees'",
                "UPDATE ledger_accounts SET normal_side = 'credit' WHERE code = 'provider_fees'",
                "TRUNCATE ledger_accounts CASCADE",
                "TRUNCATE ledger_postings", "TRUNCATE ledger_journals CASCADE",
            ] {
                let error = await #expect(throws: PostgresError.self, "\(statement)") {
                    try await pool.withConnection { try $0.execute(statement) }
                }
                #expect(error?.sqlState == "23514", "\(statement)")
            }
        }
    }
}
