extension Schema {
    /// Sending payouts and following them (migration 4): attempts, leases on outbox jobs, provider
    /// callbacks as received, and the client-webhook event outbox.
    static let dispatchSQL = """
        -- A claimed job carries its claimer's token until lease_until; a worker writes only while
        -- the token is still its own, so a worker that outlived its lease changes nothing.
        ALTER TABLE outbox ADD COLUMN lease_token text;
        CREATE UNIQUE INDEX outbox_one_job_per_payout ON outbox (payout_id);

        -- One row per try at one provider, written before the provider is called. An attempt
        -- that is not final may have reached the provider: it is only ever asked about, never re-sent.
        CREATE TABLE payout_attempts (
            payout_id               text NOT NULL REFERENCES payouts (id),
            number                  int NOT NULL CHECK (number > 0),
            provider                text NOT NULL,
            clearing                text NOT NULL,
            provider_reference      text NOT NULL UNIQUE,
            provider_transaction_id text,
            -- inquiring: the account check before a transfer (no money can move yet);
            -- sending: the transfer call may be on the wire; processing: the provider took it;
            -- unknown: no definite answer; succeeded and failed are final.
            state                   text NOT NULL CHECK (state IN ('inquiring', 'sending', 'processing', 'unknown', 'succeeded', 'failed')),
            inquiry_token           text,
            failure                 jsonb,
            fee                     bigint CHECK (fee >= 0),
            checks                  int NOT NULL DEFAULT 0,
            created_at              timestamptz NOT NULL DEFAULT now(),
            updated_at              timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (payout_id, number)
        );
        -- At most one attempt of a payout may be open: the database refuses a second dispatch.
        CREATE UNIQUE INDEX payout_attempts_one_open ON payout_attempts (payout_id)
            WHERE state IN ('inquiring', 'sending', 'processing', 'unknown');
        CREATE INDEX payout_attempts_transaction ON payout_attempts (provider, provider_transaction_id)
            WHERE provider_transaction_id IS NOT NULL;

        -- Every verified provider callback as received; payout_id is null when it names no
        -- attempt we know (kept and reported, never dropped).
        CREATE TABLE provider_callbacks (
            id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            provider            text NOT NULL,
            provider_reference  text NOT NULL,
            payout_id           text,
            outcome             text NOT NULL,
            effect              text NOT NULL,
            body                bytea NOT NULL,
            received_at         timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX provider_callbacks_unmatched ON provider_callbacks (received_at) WHERE payout_id IS NULL;
        CREATE INDEX provider_callbacks_payout ON provider_callbacks (payout_id) WHERE payout_id IS NOT NULL;

        -- Client-visible events, written in the transaction of the change they announce.
        CREATE TABLE webhook_events (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            type        text NOT NULL,
            payout_id   text,
            batch_id    text,
            payload     jsonb NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX webhook_events_payout ON webhook_events (payout_id) WHERE payout_id IS NOT NULL;

        -- The one writer of webhook events; the webhooks migration extends it to fan out to endpoints.
        CREATE FUNCTION webhook_event(p_type text, p_payout text, p_batch text, p_payload jsonb) RETURNS bigint
        LANGUAGE sql AS $$
            INSERT INTO webhook_events (type, payout_id, batch_id, payload) VALUES (p_type, p_payout, p_batch, p_payload)
            RETURNING id
        $$;
        """
}

extension Schema {
    /// When a job's steps began failing without a break (migration 17): a step that throws every
    /// time (a broken row, a bug) would otherwise leave its payout open for ever, retried every few
    /// seconds and in no review filter. Cleared when a step hands its job back without an error.
    static let outboxFailingSinceSQL = """
        ALTER TABLE outbox ADD COLUMN failing_since timestamptz;
        """
}
