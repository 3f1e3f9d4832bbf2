extension Schema {
    /// Payouts that ask for an account check before the first attempt (migration 7): the flag,
    /// and `payout_create` taking it (and notifying dispatchers only when none has work waiting). The new parameter has a default, so a call written for
    /// migration 3's signature still works and stores false.
    static let accountValidationSQL = """
        ALTER TABLE payouts ADD COLUMN validate_account boolean NOT NULL DEFAULT false;

        DROP FUNCTION payout_create(text, bigint, text, bytea, bytea, text, text, bigint, text, text, text, text, text,
            text, text, text, jsonb, bigint, text, text, jsonb, bigint);

        """ + payoutCreateSQL(routing: "jsonb")

    /// `payout_create` as written by migration 7 (routing decision as jsonb) and migration 10 (json),
    /// which write its rows statement by statement, and migration 11, which writes them in one.
    static func payoutCreateSQL(routing: String, replacing: Bool = false, writes: String = payoutCreateWritesInSteps,
                                keepingExecute: Bool = false) -> String {
        """
        -- As in migration 3, plus p_validate_account\(keepingExecute ? " and p_execute_immediately" : "").
        CREATE \(replacing ? "OR REPLACE " : "")FUNCTION payout_create(
            p_id text, p_api_key bigint, p_idempotency_key text, p_request_hash bytea, p_response_body bytea,
            p_reference text, p_status text, p_amount bigint, p_bank text, p_account_number text, p_account_name text,
            p_email text, p_phone text, p_clearing text, p_provider text, p_description text, p_metadata jsonb,
            p_created_micros bigint, p_actor text, p_journal text, p_routing \(routing), p_scheduled_micros bigint,
            p_validate_account boolean DEFAULT false\(keepingExecute ? ", p_execute_immediately boolean DEFAULT false" : ""))
        RETURNS TABLE (outcome text, response_status int, response_body bytea)
        LANGUAGE plpgsql AS $$
        DECLARE
            earlier record;
            created timestamptz := timestamptz 'epoch' + p_created_micros * interval '1 microsecond';
        BEGIN
            IF NOT pg_try_advisory_xact_lock(hashtextextended(p_api_key::text || '/' || p_idempotency_key, 0)) THEN
                RETURN QUERY SELECT 'in_progress', NULL::int, NULL::bytea;
                RETURN;
            END IF;
            SELECT k.request_hash, k.response_status, k.response_body INTO earlier
            FROM idempotency_keys k WHERE k.api_key_id = p_api_key AND k.key = p_idempotency_key;
            IF FOUND THEN
                IF earlier.request_hash = p_request_hash THEN
                    RETURN QUERY SELECT 'replay', earlier.response_status, earlier.response_body;
                ELSE
                    RETURN QUERY SELECT 'key_reused', NULL::int, NULL::bytea;
                END IF;
                RETURN;
            END IF;
        \(writes)
            -- NOTIFY holds a database-wide lock from commit until the WAL is flushed, so notifying on
            -- every create serialises all creates. Wake dispatchers only when no due job is waiting
            -- unclaimed: otherwise a worker is about to claim one, and each claim recruits another.
            PERFORM 1 FROM outbox o WHERE o.available_at <= now() AND o.lease_until IS NULL AND o.payout_id <> p_id LIMIT 1;
            IF NOT FOUND THEN
                PERFORM pg_notify('payouts_outbox', p_id);
            END IF;
            RETURN QUERY SELECT 'created', 202, p_response_body;
        END $$;
        """
    }

    /// The writes of migrations 7 and 10: payout, event, outbox job, idempotency key, then the hold.
    static let payoutCreateWritesInSteps = """
            \(payoutRowInsert);
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'duplicate_reference', NULL::int, NULL::bytea;
                RETURN;
            END IF;
            INSERT INTO payout_events (payout_id, status, actor, detail, created_at) VALUES (p_id, p_status, p_actor, 'accepted', created);
            -- A scheduled payout's job waits for its clearing window.
            INSERT INTO outbox (payout_id, kind, available_at)
            VALUES (p_id, 'dispatch', coalesce(timestamptz 'epoch' + p_scheduled_micros * interval '1 microsecond', now()));
            INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body)
            VALUES (p_api_key, p_idempotency_key, p_request_hash, 202, p_response_body);
            PERFORM ledger_hold(p_id, p_amount, p_journal);
        """

    /// The payout row `payout_create` inserts; a reference the key already used inserts nothing.
    static let payoutRowInsert = payoutRowInsert(keepingExecute: false)

    /// The payout row, from migration 14 with `p_execute_immediately`.
    static func payoutRowInsert(keepingExecute: Bool) -> String {
        """
        INSERT INTO payouts (id, api_key_id, reference, status, amount, currency, bank, account_number, account_name,
                email, phone, requested_clearing, requested_provider, clearing, provider, description, metadata,
                routing, scheduled_for, created_at, updated_at, validate_account\(keepingExecute ? ", execute_immediately" : ""))
            VALUES (p_id, p_api_key, p_reference, p_status, p_amount, 'IDR', p_bank, p_account_number, p_account_name,
                p_email, p_phone, p_clearing, p_provider, p_clearing, p_provider, p_description, p_metadata,
                p_routing, timestamptz 'epoch' + p_scheduled_micros * interval '1 microsecond', created, created,
                coalesce(p_validate_account, false)\(keepingExecute ? ", coalesce(p_execute_immediately, false)" : ""))
            ON CONFLICT (api_key_id, reference) DO NOTHING
        """
    }
}
