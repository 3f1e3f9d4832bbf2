extension Schema {
    /// Payouts, their audit trail, idempotency keys and the dispatch outbox.
    static let payoutsSQL = """
        CREATE TABLE payouts (
            id                  text PRIMARY KEY,
            api_key_id          bigint NOT NULL REFERENCES api_keys (id),
            reference           text NOT NULL,
            status              text NOT NULL CHECK (status IN ('pending', 'scheduled', 'awaiting_approval',
                                    'processing', 'succeeded', 'failed', 'cancelled', 'needs_review')),
            amount              bigint NOT NULL CHECK (amount > 0),
            currency            text NOT NULL CHECK (currency = 'IDR'),
            bank                text NOT NULL,
            account_number      text NOT NULL,
            account_name        text NOT NULL,
            email               text,
            phone               text,
            requested_clearing  text NOT NULL,
            requested_provider  text,
            clearing            text NOT NULL,
            provider            text,
            description         text,
            metadata            jsonb NOT NULL DEFAULT '{}',
            routing             jsonb,
            failure             jsonb,
            scheduled_for       timestamptz,
            created_at          timestamptz NOT NULL,
            updated_at          timestamptz NOT NULL,
            UNIQUE (api_key_id, reference)
        );
        CREATE INDEX payouts_created ON payouts (created_at DESC, id DESC);
        CREATE INDEX payouts_status_created ON payouts (status, created_at DESC, id DESC);
        CREATE INDEX payouts_provider_created ON payouts (provider, created_at DESC, id DESC);
        CREATE INDEX payouts_bank_created ON payouts (bank, created_at DESC, id DESC);
        CREATE INDEX payouts_reference ON payouts (reference);

        CREATE TABLE payout_events (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            payout_id   text NOT NULL REFERENCES payouts (id),
            status      text NOT NULL,
            actor       text NOT NULL,
            detail      text NOT NULL DEFAULT '',
            created_at  timestamptz NOT NULL
        );
        CREATE INDEX payout_events_payout ON payout_events (payout_id, id);

        -- The first answer to a POST, replayed for the same key and body (IETF
        -- draft-ietf-httpapi-idempotency-key-header). Kept at least 24 hours.
        CREATE TABLE idempotency_keys (
            api_key_id      bigint NOT NULL REFERENCES api_keys (id),
            key             text NOT NULL,
            request_hash    bytea NOT NULL,
            response_status int NOT NULL,
            response_body   bytea NOT NULL,
            created_at      timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (api_key_id, key)
        );
        CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

        -- Work for the dispatcher, written in the same transaction as the change that needs it.
        CREATE TABLE outbox (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            payout_id     text NOT NULL REFERENCES payouts (id),
            kind          text NOT NULL,
            available_at  timestamptz NOT NULL DEFAULT now(),
            lease_until   timestamptz,
            attempts      int NOT NULL DEFAULT 0,
            created_at    timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX outbox_available ON outbox (available_at, id);

        -- Accepting a payout in one round trip and one commit: the idempotency check, the payout,
        -- its first event, the outbox job, the key with its answer, the ledger hold and the NOTIFY.
        -- Each statement in a PL/pgSQL function reads a fresh snapshot, so the lookup after the
        -- lock sees a key committed by a request that held the lock a moment before.
        CREATE FUNCTION payout_create(
            p_id text, p_api_key bigint, p_idempotency_key text, p_request_hash bytea, p_response_body bytea,
            p_reference text, p_status text, p_amount bigint, p_bank text, p_account_number text, p_account_name text,
            p_email text, p_phone text, p_clearing text, p_provider text, p_description text, p_metadata jsonb,
            p_created_micros bigint, p_actor text, p_journal text)
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
            INSERT INTO payouts (id, api_key_id, reference, status, amount, currency, bank, account_number, account_name,
                email, phone, requested_clearing, requested_provider, clearing, provider, description, metadata,
                created_at, updated_at)
            VALUES (p_id, p_api_key, p_reference, p_status, p_amount, 'IDR', p_bank, p_account_number, p_account_name,
                p_email, p_phone, p_clearing, p_provider, p_clearing, p_provider, p_description, p_metadata, created, created)
            ON CONFLICT (api_key_id, reference) DO NOTHING;
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'duplicate_reference', NULL::int, NULL::bytea;
                RETURN;
            END IF;
            INSERT INTO payout_events (payout_id, status, actor, detail, created_at) VALUES (p_id, p_status, p_actor, 'accepted', created);
            INSERT INTO outbox (payout_id, kind) VALUES (p_id, 'dispatch');
            INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body)
            VALUES (p_api_key, p_idempotency_key, p_request_hash, 202, p_response_body);
            PERFORM ledger_hold(p_id, p_amount, p_journal);
            PERFORM pg_notify('payouts_outbox', p_id);
            RETURN QUERY SELECT 'created', 202, p_response_body;
        END $$;
        """
}
