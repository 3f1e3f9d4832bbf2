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
        """
}
