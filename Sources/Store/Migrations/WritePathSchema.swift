extension Schema {
    /// Cheaper writes on the payout path (migration 9), each measured with `make bench`:
    /// - Settling a payout moves its journal's postings with `journal_id = ANY(…) AND status =
    ///   'pending'`. With only `(journal_id)` indexed the planner could AND it with the status index,
    ///   reading every pending posting; `(journal_id, status)` answers the whole condition.
    /// - A posting's journal and account were foreign keys: a row lock on the parent per posting,
    ///   and every payout locked the same two account rows. Journals and accounts are never
    ///   changed or deleted (guard triggers), so existence at commit is the whole guarantee: the
    ///   journal check that already runs at commit refuses a posting whose journal does not exist,
    ///   and now one whose account does not exist.
    /// - `ledger_hold`, called by every payout created, becomes PL/pgSQL so its plan is kept.
    /// - Webhook payloads, routing decisions and stored answers are a few kilobytes each; lz4
    ///   compresses them at a fraction of pglz's CPU. Rows written before keep their pglz values.
    static let writePathSQL = """
        DROP INDEX ledger_postings_by_journal;
        CREATE INDEX ledger_postings_by_journal ON ledger_postings (journal_id, status);

        ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_journal_id_fkey,
            DROP CONSTRAINT ledger_postings_account_fkey;

        CREATE FUNCTION ledger_accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'ledger accounts are never changed or deleted'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_accounts_append_only';
        END $$;
        CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE OR DELETE ON ledger_accounts
            FOR EACH ROW EXECUTE FUNCTION ledger_accounts_guard();
        CREATE FUNCTION ledger_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'ledger tables are never truncated'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_append_only';
        END $$;
        CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_no_truncate();
        CREATE TRIGGER ledger_journals_no_truncate BEFORE TRUNCATE ON ledger_journals
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_no_truncate();
        CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_no_truncate();

        -- As in migration 2, and a posting must name an existing account. A posting whose journal
        -- does not exist finds no journal row here and fails as unbalanced.
        CREATE OR REPLACE FUNCTION ledger_check_journal(journal text) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            postings   bigint;
            signed_sum numeric;
            statuses   bigint;
            strays     bigint;
            unknown    bigint;
        BEGIN
            SELECT count(p.id),
                   coalesce(sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END), 0),
                   count(DISTINCT p.status),
                   count(p.id) FILTER (WHERE p.payout_id IS DISTINCT FROM j.payout_id),
                   count(p.id) FILTER (WHERE a.code IS NULL)
              INTO postings, signed_sum, statuses, strays, unknown
              FROM ledger_journals j
              LEFT JOIN ledger_postings p ON p.journal_id = j.id
              LEFT JOIN ledger_accounts a ON a.code = p.account
             WHERE j.id = journal;
            IF unknown > 0 THEN
                RAISE EXCEPTION 'ledger journal % posts to an account that does not exist', journal
                    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_posting_account';
            END IF;
            IF postings < 2 OR signed_sum <> 0 OR statuses > 1 OR strays > 0 THEN
                RAISE EXCEPTION 'ledger journal % does not balance (% postings, % statuses)', journal, postings, statuses
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journal_balanced';
            END IF;
        END $$;

        -- ledger_hold as written in migration 2, in PL/pgSQL: PostgreSQL 15 plans an SQL-language
        -- function's body again on every call, PL/pgSQL keeps the plan for the session.
        CREATE OR REPLACE FUNCTION ledger_hold(p_payout text, p_amount bigint, p_journal text) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
        """ + ledgerHoldStatement + """
        ;
        END $$;

        ALTER TABLE webhook_events ALTER COLUMN payload SET COMPRESSION lz4;
        ALTER TABLE payouts ALTER COLUMN routing SET COMPRESSION lz4;
        ALTER TABLE idempotency_keys ALTER COLUMN response_body SET COMPRESSION lz4;
        """
}
