extension Schema {
    /// Payout batches with maker-checker approval (migration 6): the batch row, its payouts'
    /// `batch_id`, set-based create, approve and reject, and the trigger that ends a batch when
    /// its last payout ends.
    static let batchesSQL = """
        CREATE TABLE payout_batches (
            id            text PRIMARY KEY,
            api_key_id    bigint NOT NULL REFERENCES api_keys (id),
            reference     text NOT NULL,
            approval      text NOT NULL CHECK (approval IN ('required', 'auto')),
            status        text NOT NULL CHECK (status IN ('awaiting_approval', 'processing', 'succeeded',
                              'partially_succeeded', 'failed', 'rejected')),
            item_count    int NOT NULL CHECK (item_count > 0),
            total_amount  bigint NOT NULL CHECK (total_amount > 0),
            approved_by   bigint REFERENCES api_keys (id),
            approved_at   timestamptz,
            rejected_by   bigint REFERENCES api_keys (id),
            rejected_at   timestamptz,
            created_at    timestamptz NOT NULL,
            completed_at  timestamptz,
            UNIQUE (api_key_id, reference),
            -- Maker-checker holds even against a bug in the code above: the creator never decides.
            CONSTRAINT payout_batches_four_eyes CHECK (approved_by <> api_key_id AND rejected_by <> api_key_id)
        );
        CREATE INDEX payout_batches_created ON payout_batches (created_at DESC, id DESC);

        ALTER TABLE payouts ADD COLUMN batch_id text REFERENCES payout_batches (id);
        CREATE INDEX payouts_batch_created ON payouts (batch_id, created_at DESC, id DESC) WHERE batch_id IS NOT NULL;
        -- What the completion check asks after every final item: is anything of this batch still open?
        CREATE INDEX payouts_batch_open ON payouts (batch_id)
            WHERE batch_id IS NOT NULL AND status NOT IN ('succeeded', 'failed', 'cancelled');

        -- The batch as the API answers it (BatchJSON in the gateway), for the batch.completed event.
        CREATE FUNCTION payout_batch_json(p_batch text) RETURNS jsonb LANGUAGE sql STABLE AS $$
            SELECT jsonb_build_object(
                'id', b.id, 'reference', b.reference, 'status', b.status, 'approval', b.approval,
                'created_by', creator.name, 'approved_by', approver.name,
                'approved_at', to_char(b.approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'rejected_by', rejecter.name,
                'rejected_at', to_char(b.rejected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'item_count', b.item_count, 'total_amount', b.total_amount || '.00',
                'by_status', (
                    SELECT jsonb_object_agg(s.status, jsonb_build_object('count', coalesce(t.items, 0),
                                                                         'amount', coalesce(t.amount, 0) || '.00'))
                    FROM unnest(ARRAY['pending', 'scheduled', 'awaiting_approval', 'processing', 'succeeded',
                                      'failed', 'cancelled', 'needs_review']) AS s (status)
                    LEFT JOIN (SELECT p.status, count(*) AS items, sum(p.amount) AS amount
                               FROM payouts p WHERE p.batch_id = b.id GROUP BY p.status) t ON t.status = s.status),
                'created_at', to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'completed_at', to_char(b.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
            FROM payout_batches b
            JOIN api_keys creator ON creator.id = b.api_key_id
            LEFT JOIN api_keys approver ON approver.id = b.approved_by
            LEFT JOIN api_keys rejecter ON rejecter.id = b.rejected_by
            WHERE b.id = p_batch
        $$;

        -- Ends a processing batch whose payouts are all final, exactly once. The unlocked first read
        -- keeps item changes of a batch that is still awaiting approval from queueing behind an
        -- approve or reject that holds the batch row (and from deadlocking with one). Then the row is
        -- locked and the open items are looked for in a new statement: under READ COMMITTED that
        -- statement sees every commit made before the lock was granted, so when the last two items
        -- end at once in two transactions, the second to get the lock sees the first's change.
        CREATE FUNCTION payout_batch_settle(p_batch text) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            tally record;
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM payout_batches WHERE id = p_batch AND status = 'processing') THEN
                RETURN;
            END IF;
            PERFORM 1 FROM payout_batches WHERE id = p_batch AND status = 'processing' FOR NO KEY UPDATE;
            IF NOT FOUND THEN
                RETURN;
            END IF;
            IF EXISTS (SELECT 1 FROM payouts WHERE batch_id = p_batch
                       AND status NOT IN ('succeeded', 'failed', 'cancelled')) THEN
                RETURN;
            END IF;
            SELECT count(*) AS total, count(*) FILTER (WHERE status = 'succeeded') AS succeeded INTO tally
            FROM payouts WHERE batch_id = p_batch;
            -- BatchStatus.settled: all paid, none paid, or some of each.
            UPDATE payout_batches
            SET status = CASE WHEN tally.succeeded = tally.total THEN 'succeeded'
                              WHEN tally.succeeded = 0 THEN 'failed'
                              ELSE 'partially_succeeded' END,
                completed_at = now()
            WHERE id = p_batch;
            PERFORM webhook_event('batch.completed', NULL, p_batch, payout_batch_json(p_batch));
        END $$;

        CREATE FUNCTION payouts_settle_batch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM payout_batch_settle(NEW.batch_id);
            RETURN NULL;
        END $$;
        CREATE TRIGGER payouts_settle_batch AFTER UPDATE OF status ON payouts
            FOR EACH ROW
            WHEN (NEW.batch_id IS NOT NULL AND NEW.status IN ('succeeded', 'failed', 'cancelled')
                  AND OLD.status IS DISTINCT FROM NEW.status)
            EXECUTE FUNCTION payouts_settle_batch();

        -- ledger_hold (migration 2) for many payouts at once: the same journals and postings, written
        -- in two statements rather than one call per payout (which was most of a 5,000-payout create).
        CREATE FUNCTION ledger_holds(p_payouts text[], p_amounts bigint[], p_journals text[]) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO ledger_journals (id, kind, payout_id)
            SELECT h.journal, 'hold', h.payout FROM unnest(p_journals, p_payouts) AS h (journal, payout);
            INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status, created_at, updated_at)
            SELECT h.journal, h.payout, line.account, line.direction, h.amount, 'pending', now(), now()
            FROM unnest(p_journals, p_payouts, p_amounts) WITH ORDINALITY AS h (journal, payout, amount, position),
                (VALUES (1, 'available_for_payouts', 'debit'), (2, 'payouts_in_flight', 'credit'))
                    AS line (position, account, direction)
            ORDER BY h.position, line.position;
        $$;

        """ + payoutBatchCreateSQL(routing: "jsonb") + """

        -- Approve or reject a batch awaiting approval, with the batch row locked. `decided` is how
        -- many payouts moved; payouts cancelled one by one before the decision stay cancelled.
        CREATE FUNCTION payout_batch_decide(p_batch text, p_api_key bigint, p_actor text, p_approve boolean,
                                            p_micros bigint)
        RETURNS TABLE (outcome text, batch_status text, decided bigint)
        LANGUAGE plpgsql AS $$
        DECLARE
            batch record;
            at timestamptz := timestamptz 'epoch' + p_micros * interval '1 microsecond';
            moved bigint;
            woken text[];
        BEGIN
            SELECT b.api_key_id, b.status INTO batch FROM payout_batches b WHERE b.id = p_batch FOR UPDATE;
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'not_found', NULL::text, 0::bigint;
                RETURN;
            ELSIF batch.api_key_id = p_api_key THEN
                RETURN QUERY SELECT 'creator', batch.status, 0::bigint;
                RETURN;
            ELSIF batch.status <> 'awaiting_approval' THEN
                RETURN QUERY SELECT 'not_awaiting_approval', batch.status, 0::bigint;
                RETURN;
            END IF;
            IF p_approve THEN
                UPDATE payout_batches SET status = 'processing', approved_by = p_api_key, approved_at = at WHERE id = p_batch;
                -- awaiting_approval → pending, then → scheduled when its clearing window is still ahead
                -- (PayoutStatus allows no direct step); the job waits for the window as on create.
                WITH approved AS (
                    UPDATE payouts SET status = CASE WHEN scheduled_for > at THEN 'scheduled' ELSE 'pending' END,
                        updated_at = greatest(updated_at, at)
                    WHERE batch_id = p_batch AND status = 'awaiting_approval'
                    RETURNING id, status, scheduled_for, updated_at
                ), events AS (
                    INSERT INTO payout_events (payout_id, status, actor, detail, created_at)
                    SELECT e.id, e.status, e.actor, e.detail, e.updated_at FROM (
                        SELECT id, 'pending' AS status, p_actor AS actor, 'batch approved' AS detail, updated_at, 1 AS step FROM approved
                        UNION ALL
                        SELECT id, 'scheduled', 'system', 'waiting for the clearing window', updated_at, 2 FROM approved
                        WHERE status = 'scheduled'
                    ) e ORDER BY e.id, e.step
                ), jobs AS (
                    INSERT INTO outbox (payout_id, kind, available_at)
                    SELECT id, 'dispatch', CASE WHEN status = 'scheduled' THEN scheduled_for ELSE now() END FROM approved
                )
                SELECT array_agg(id) INTO woken FROM approved;
                moved := coalesce(cardinality(woken), 0);
                PERFORM pg_notify('payouts_outbox', w.id) FROM unnest(woken) AS w (id);
                -- Every payout may have been cancelled one by one while the batch waited.
                PERFORM payout_batch_settle(p_batch);
            ELSE
                UPDATE payout_batches SET status = 'rejected', rejected_by = p_api_key, rejected_at = at, completed_at = at
                WHERE id = p_batch;
                -- The holds are voided as LedgerStore.void does: the hold journal's postings (these
                -- payouts were never routed, so there is no route journal), pending → voided.
                WITH cancelled AS (
                    UPDATE payouts SET status = 'cancelled', updated_at = greatest(updated_at, at)
                    WHERE batch_id = p_batch AND status = 'awaiting_approval'
                    RETURNING id, updated_at
                ), events AS (
                    INSERT INTO payout_events (payout_id, status, actor, detail, created_at)
                    SELECT id, 'cancelled', p_actor, 'batch rejected', updated_at FROM cancelled ORDER BY id
                ), released AS (
                    UPDATE ledger_postings lp SET status = 'voided', updated_at = now()
                    FROM ledger_journals j
                    WHERE j.id = lp.journal_id AND j.kind IN ('hold', 'route') AND lp.status = 'pending'
                      AND j.payout_id IN (SELECT id FROM cancelled)
                )
                SELECT count(*) INTO moved FROM cancelled;
            END IF;
            RETURN QUERY SELECT 'decided', b.status, moved FROM payout_batches b WHERE b.id = p_batch;
        END $$;
        """

    /// `payout_batch_create`, written by migration 6 with the routing decisions cast to jsonb, by
    /// migration 10 to json, the column's type from then on, and by migration 12 with each item's
    /// `validate_account` (before it, the column took its default and the request was lost).
    static func payoutBatchCreateSQL(routing: String, validatesAccounts: Bool = false, keepingExecute: Bool = false) -> String {
        var parameter = validatesAccounts ? ",\n    p_validate_accounts boolean[]" : ""
        var column = validatesAccounts ? ", validate_account" : ""
        var value = validatesAccounts ? ", coalesce(i.validate_account, false)" : ""
        var array = validatesAccounts ? ", p_validate_accounts" : ""
        if keepingExecute {
            // A default, so an instance still running the code before migration 14 can create batches.
            parameter += ", p_execute_immediately boolean[] DEFAULT NULL"
            column += ", execute_immediately"
            value += ", coalesce(i.execute_immediately, false)"
            array += ", p_execute_immediately"
        }
        return """
        -- Accepting a batch in one round trip and one commit, set-based over the item arrays (one
        -- element per payout, in item order): the idempotency check as in payout_create (same lock
        -- and key space), the batch, its payouts, their first events, holds, outbox jobs for the
        -- payouts that need no approval, the key with its answer, and the NOTIFY. A reference taken
        -- by the batch or any item refuses everything (`taken` lists the items' references).
        CREATE OR REPLACE FUNCTION payout_batch_create(
            p_id text, p_api_key bigint, p_idempotency_key text, p_request_hash bytea, p_response_body bytea,
            p_reference text, p_approval text, p_status text, p_total bigint, p_created_micros bigint, p_actor text,
            p_ids text[], p_references text[], p_statuses text[], p_amounts bigint[], p_banks text[],
            p_account_numbers text[], p_account_names text[], p_emails text[], p_phones text[], p_clearings text[],
            p_providers text[], p_descriptions text[], p_metadata text[], p_routing text[], p_scheduled_micros bigint[],
            p_journals text[]\(parameter))
        RETURNS TABLE (outcome text, response_status int, response_body bytea, taken text[])
        LANGUAGE plpgsql AS $$
        DECLARE
            earlier record;
            created timestamptz := timestamptz 'epoch' + p_created_micros * interval '1 microsecond';
            refused text;
        BEGIN
            IF NOT pg_try_advisory_xact_lock(hashtextextended(p_api_key::text || '/' || p_idempotency_key, 0)) THEN
                RETURN QUERY SELECT 'in_progress', NULL::int, NULL::bytea, NULL::text[];
                RETURN;
            END IF;
            SELECT k.request_hash, k.response_status, k.response_body INTO earlier
            FROM idempotency_keys k WHERE k.api_key_id = p_api_key AND k.key = p_idempotency_key;
            IF FOUND THEN
                IF earlier.request_hash = p_request_hash THEN
                    RETURN QUERY SELECT 'replay', earlier.response_status, earlier.response_body, NULL::text[];
                ELSE
                    RETURN QUERY SELECT 'key_reused', NULL::int, NULL::bytea, NULL::text[];
                END IF;
                RETURN;
            END IF;
            BEGIN
                INSERT INTO payout_batches (id, api_key_id, reference, approval, status, item_count, total_amount, created_at)
                VALUES (p_id, p_api_key, p_reference, p_approval, p_status, cardinality(p_ids), p_total, created);
                INSERT INTO payouts (id, api_key_id, reference, status, amount, currency, bank, account_number, account_name,
                    email, phone, requested_clearing, requested_provider, clearing, provider, description, metadata,
                    routing, scheduled_for, created_at, updated_at, batch_id\(column))
                SELECT i.id, p_api_key, i.reference, i.status, i.amount, 'IDR', i.bank, i.account_number, i.account_name,
                    i.email, i.phone, i.clearing, i.provider, i.clearing, i.provider, i.description, i.metadata::jsonb,
                    i.routing::\(routing), timestamptz 'epoch' + i.scheduled * interval '1 microsecond', created, created, p_id\(value)
                FROM unnest(p_ids, p_references, p_statuses, p_amounts, p_banks, p_account_numbers, p_account_names,
                            p_emails, p_phones, p_clearings, p_providers, p_descriptions, p_metadata, p_routing,
                            p_scheduled_micros\(array))
                    AS i (id, reference, status, amount, bank, account_number, account_name, email, phone, clearing,
                          provider, description, metadata, routing, scheduled\(column));
            EXCEPTION WHEN unique_violation THEN
                GET STACKED DIAGNOSTICS refused = CONSTRAINT_NAME;
                IF refused = 'payout_batches_api_key_id_reference_key' THEN
                    RETURN QUERY SELECT 'duplicate_reference', NULL::int, NULL::bytea, NULL::text[];
                ELSIF refused = 'payouts_api_key_id_reference_key' THEN
                    -- A new statement: it sees the payout whose commit the failed insert waited for.
                    RETURN QUERY SELECT 'duplicate_item_reference', NULL::int, NULL::bytea,
                        (SELECT array_agg(p.reference ORDER BY p.reference) FROM payouts p
                         WHERE p.api_key_id = p_api_key AND p.reference = ANY (p_references));
                ELSE
                    RAISE;
                END IF;
                RETURN;
            END;
            INSERT INTO payout_events (payout_id, status, actor, detail, created_at)
            SELECT e.id, e.status, p_actor, 'accepted in batch ' || p_id, created
            FROM unnest(p_ids, p_statuses) WITH ORDINALITY AS e (id, status, position) ORDER BY e.position;
            -- Payouts awaiting approval get no job: the dispatcher must never see them.
            INSERT INTO outbox (payout_id, kind, available_at)
            SELECT j.id, 'dispatch', coalesce(timestamptz 'epoch' + j.scheduled * interval '1 microsecond', now())
            FROM unnest(p_ids, p_statuses, p_scheduled_micros) AS j (id, status, scheduled)
            WHERE j.status <> 'awaiting_approval';
            INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body)
            VALUES (p_api_key, p_idempotency_key, p_request_hash, 202, p_response_body);
            PERFORM ledger_holds(p_ids, p_amounts, p_journals);
            PERFORM pg_notify('payouts_outbox', n.id) FROM unnest(p_ids, p_statuses) AS n (id, status)
            WHERE n.status <> 'awaiting_approval';
            RETURN QUERY SELECT 'created', 202, p_response_body, NULL::text[];
        END $$;
        """
    }

    /// `batch.completed` after the last payout's own event (migration 13). As a plain trigger the
    /// batch was settled inside the payout's status update, before the dispatcher announced the
    /// payout in the same transaction, so receivers heard of the batch first. Deferred, it runs at
    /// commit, after everything else the transaction wrote.
    static let batchCompletedLastSQL = """
        DROP TRIGGER payouts_settle_batch ON payouts;
        CREATE CONSTRAINT TRIGGER payouts_settle_batch AFTER UPDATE OF status ON payouts
            DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW
            WHEN (NEW.batch_id IS NOT NULL AND NEW.status IN ('succeeded', 'failed', 'cancelled')
                  AND OLD.status IS DISTINCT FROM NEW.status)
            EXECUTE FUNCTION payouts_settle_batch();
        """

    /// `execute: immediately` kept with the payout (migration 14), so the dispatcher refuses to
    /// schedule it as creating did: after a failover past a cut-off, or when its batch is approved
    /// after the window closed. Both create functions gain the flag.
    static let executeImmediatelySQL = """
        ALTER TABLE payouts ADD COLUMN execute_immediately boolean NOT NULL DEFAULT false;

        DROP FUNCTION payout_create(text, bigint, text, bytea, bytea, text, text, bigint, text, text, text, text, text,
            text, text, text, jsonb, bigint, text, text, json, bigint, boolean);
        DROP FUNCTION payout_batch_create(text, bigint, text, bytea, bytea, text, text, text, bigint, bigint, text,
            text[], text[], text[], bigint[], text[], text[], text[], text[], text[], text[], text[], text[], text[],
            text[], bigint[], text[], boolean[]);

        """ + payoutCreateSQL(routing: "json", writes: payoutCreateWritesAtOnce(keepingExecute: true), keepingExecute: true)
        + payoutBatchCreateSQL(routing: "json", validatesAccounts: true, keepingExecute: true)
}
