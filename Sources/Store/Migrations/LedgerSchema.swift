extension Schema {
    /// The double-entry ledger (migration 2). The database itself refuses a journal whose
    /// postings do not sum to zero, a posting that changes anything but its status, a status
    /// that leaves `posted` or `voided`, and a journal whose postings disagree on their status.
    static let ledgerSQL = """
        CREATE TABLE ledger_accounts (
            code        text PRIMARY KEY CHECK (code ~ '^(available_for_payouts|payouts_in_flight|payouts_paid|provider_fees|provider:[a-z0-9_-]{1,40}:prefunded)$'),
            normal_side text NOT NULL CHECK (normal_side IN ('debit', 'credit')),
            created_at  timestamptz NOT NULL DEFAULT now()
        );
        INSERT INTO ledger_accounts (code, normal_side) VALUES
            ('available_for_payouts', 'credit'), ('payouts_in_flight', 'credit'),
            ('payouts_paid', 'debit'), ('provider_fees', 'debit');

        -- payout_id has no foreign key: the payouts table belongs to a later migration.
        CREATE TABLE ledger_journals (
            id         text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 100),
            kind       text NOT NULL CHECK (kind IN ('fund', 'hold', 'route', 'fee')),
            payout_id  text,
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT ledger_journals_payout CHECK (kind = 'fund' OR payout_id IS NOT NULL)
        );
        -- A payout holds funds once; a retried create must find the hold, not add a second.
        CREATE UNIQUE INDEX ledger_journals_one_hold_per_payout ON ledger_journals (payout_id) WHERE kind = 'hold';
        CREATE INDEX ledger_journals_by_payout ON ledger_journals (payout_id) WHERE payout_id IS NOT NULL;

        -- payout_id is copied from the journal so entry filters and pages need no join.
        CREATE TABLE ledger_postings (
            id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            journal_id text NOT NULL REFERENCES ledger_journals (id),
            payout_id  text,
            account    text NOT NULL REFERENCES ledger_accounts (code),
            direction  text NOT NULL CHECK (direction IN ('debit', 'credit')),
            amount     bigint NOT NULL CHECK (amount > 0),
            status     text NOT NULL CHECK (status IN ('pending', 'posted', 'voided')),
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX ledger_postings_by_journal ON ledger_postings (journal_id);
        CREATE INDEX ledger_postings_page ON ledger_postings (created_at DESC, id DESC);
        CREATE INDEX ledger_postings_by_account ON ledger_postings (account, created_at DESC, id DESC);
        CREATE INDEX ledger_postings_by_payout ON ledger_postings (payout_id, created_at DESC, id DESC)
            WHERE payout_id IS NOT NULL;
        CREATE INDEX ledger_postings_by_status ON ledger_postings (status, created_at DESC, id DESC);
        -- A payout reserves one provider's prefund at a time: moving a hold voids the previous route
        -- first, and a second pending route (two dispatchers racing) is a unique violation.
        CREATE UNIQUE INDEX ledger_postings_one_pending_route ON ledger_postings (payout_id)
            WHERE status = 'pending' AND direction = 'credit' AND account LIKE 'provider:%';

        -- Checked at commit, so a journal may be written in several statements of one transaction.
        CREATE FUNCTION ledger_check_journal(journal text) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            postings   bigint;
            signed_sum numeric;
            statuses   bigint;
            strays     bigint;
        BEGIN
            SELECT count(p.id),
                   coalesce(sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END), 0),
                   count(DISTINCT p.status),
                   count(p.id) FILTER (WHERE p.payout_id IS DISTINCT FROM j.payout_id)
              INTO postings, signed_sum, statuses, strays
              FROM ledger_journals j LEFT JOIN ledger_postings p ON p.journal_id = j.id
             WHERE j.id = journal;
            IF postings < 2 OR signed_sum <> 0 OR statuses > 1 OR strays > 0 THEN
                RAISE EXCEPTION 'ledger journal % does not balance (% postings, % statuses)', journal, postings, statuses
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journal_balanced';
            END IF;
        END $$;

        CREATE FUNCTION ledger_postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM ledger_check_journal(NEW.journal_id);
            RETURN NULL;
        END $$;

        CREATE FUNCTION ledger_journals_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM ledger_check_journal(NEW.id);
            RETURN NULL;
        END $$;

        CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT OR UPDATE ON ledger_postings
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_postings_balanced();
        CREATE CONSTRAINT TRIGGER ledger_journals_balanced AFTER INSERT ON ledger_journals
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journals_balanced();

        -- History is never rewritten: a posting only moves from pending to posted or voided.
        CREATE FUNCTION ledger_postings_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'ledger postings are never deleted'
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_postings_append_only';
            END IF;
            IF (NEW.id, NEW.journal_id, NEW.payout_id, NEW.account, NEW.direction, NEW.amount, NEW.created_at)
                IS DISTINCT FROM (OLD.id, OLD.journal_id, OLD.payout_id, OLD.account, OLD.direction, OLD.amount, OLD.created_at)
            THEN
                RAISE EXCEPTION 'a ledger posting changes only its status'
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_postings_append_only';
            END IF;
            IF NEW.status <> OLD.status AND OLD.status <> 'pending' THEN
                RAISE EXCEPTION 'a % ledger posting cannot become %', OLD.status, NEW.status
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_postings_status_once';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER ledger_postings_guard BEFORE UPDATE OR DELETE ON ledger_postings
            FOR EACH ROW EXECUTE FUNCTION ledger_postings_guard();

        CREATE FUNCTION ledger_journals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'ledger journals are never changed or deleted'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journals_append_only';
        END $$;
        CREATE TRIGGER ledger_journals_guard BEFORE UPDATE OR DELETE ON ledger_journals
            FOR EACH ROW EXECUTE FUNCTION ledger_journals_guard();

        -- The hold of Holds.hold (Sources/Ledger/Holds.swift) as one SQL call, so the create-payout
        -- function writes it in the same round trip. LedgerStore.hold calls this too: one writer.
        CREATE FUNCTION ledger_hold(p_payout text, p_amount bigint, p_journal text) RETURNS void
        LANGUAGE sql AS $$
        """ + ledgerHoldStatement + """

        $$;
        """

    /// The statement of `ledger_hold` (from a new line): SQL-language in migration 2, PL/pgSQL
    /// from migration 9.
    static let ledgerHoldStatement = "\nWITH " + ledgerHoldSQL(journalRow: "VALUES (p_journal, 'hold', p_payout)")

    /// A hold's journal (a CTE named `journal`, its row from `journalRow`) and its two postings of
    /// `p_amount`: `ledger_hold`'s statement, and the tail of `payout_create`'s from migration 11.
    static func ledgerHoldSQL(journalRow: String) -> String {
        """
        journal AS (
            INSERT INTO ledger_journals (id, kind, payout_id) \(journalRow)
            RETURNING id, payout_id, created_at
        )
        INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status, created_at, updated_at)
        SELECT journal.id, journal.payout_id, line.account, line.direction, p_amount, 'pending',
               journal.created_at, journal.created_at
        FROM journal, (VALUES (1, 'available_for_payouts', 'debit'), (2, 'payouts_in_flight', 'credit'))
            AS line (position, account, direction)
        ORDER BY line.position
        """
    }
}

extension Schema {
    /// Each journal checked once per firing of the balance triggers (migration 15), not once per
    /// row: a hold wrote a journal and two postings, and each of the three checked the same
    /// journal at commit; about a fifth of PostgreSQL's CPU per created payout went to it.
    ///
    /// A check passed is remembered in a transaction-local setting, and a row event of the same
    /// journal that follows skips its own. That is sound only while nothing changed the journal
    /// since the check, so every statement that writes postings or journals clears the mark
    /// first (a BEFORE STATEMENT trigger): a deferred check at COMMIT runs after every change,
    /// and with SET CONSTRAINTS … IMMEDIATE a later statement's rows are checked again. Setting
    /// `ledger.checked_journal` by hand can skip a check, as disabling the trigger can.
    static let ledgerCheckOnceSQL = """
        CREATE FUNCTION ledger_forget_checks() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM set_config('ledger.checked_journal', '', true);
            RETURN NULL;
        END $$;
        CREATE TRIGGER ledger_postings_forget_checks BEFORE INSERT OR UPDATE ON ledger_postings
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_forget_checks();
        CREATE TRIGGER ledger_journals_forget_checks BEFORE INSERT ON ledger_journals
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_forget_checks();

        CREATE OR REPLACE FUNCTION ledger_postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('ledger.checked_journal', true) IS DISTINCT FROM NEW.journal_id THEN
                PERFORM ledger_check_journal(NEW.journal_id);
                PERFORM set_config('ledger.checked_journal', NEW.journal_id, true);
            END IF;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION ledger_journals_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('ledger.checked_journal', true) IS DISTINCT FROM NEW.id THEN
                PERFORM ledger_check_journal(NEW.id);
                PERFORM set_config('ledger.checked_journal', NEW.id, true);
            END IF;
            RETURN NULL;
        END $$;
        """
}

extension Schema {
    /// The journal check keeps one plan for the session (migration 16). Left to choose, the server
    /// weighs each call's own plan against a generic one costed when the tables' statistics last
    /// changed; once autovacuum had analyzed a young ledger, it planned the check again on about
    /// half the calls (10,000 plans for 20,000 checks in the end-to-end bench), and planning cost
    /// more than running it. The generic plan is the right one whatever the statistics say: the
    /// journal by its key, its postings by their index.
    static let ledgerCheckGenericPlanSQL = """
        ALTER FUNCTION ledger_check_journal(text) SET plan_cache_mode = force_generic_plan;
        """
}
