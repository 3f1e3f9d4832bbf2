extension Schema {
    /// Client webhooks (migration 5): endpoints, one delivery per event and subscribed endpoint,
    /// every try, and `webhook_event` extended to fan out in the transaction of the change.
    static let webhooksSQL = """
        -- The signing secret has to be kept readable: every delivery is signed with it.
        CREATE TABLE webhook_endpoints (
            id              text PRIMARY KEY,
            url             text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
            events          text[] NOT NULL CHECK (cardinality(events) > 0),
            signing_secret  text NOT NULL,
            created_by      bigint NOT NULL REFERENCES api_keys (id),
            created_at      timestamptz NOT NULL,
            deleted_at      timestamptz
        );
        CREATE INDEX webhook_endpoints_live ON webhook_endpoints USING gin (events) WHERE deleted_at IS NULL;

        -- A claimed delivery carries its claimer's token until lease_until; only the holder of the
        -- token records the outcome, and an expired lease (a crashed sender) makes it due again.
        CREATE TABLE webhook_deliveries (
            id                    text PRIMARY KEY,
            event_id              bigint NOT NULL REFERENCES webhook_events (id),
            event_type            text NOT NULL,
            endpoint_id           text NOT NULL REFERENCES webhook_endpoints (id),
            status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
            attempts              int NOT NULL DEFAULT 0,
            next_attempt_at       timestamptz,
            lease_token           text,
            lease_until           timestamptz,
            last_response_status  int,
            last_error            text,
            created_at            timestamptz NOT NULL DEFAULT now(),
            delivered_at          timestamptz,
            CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
        CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at DESC, id DESC);
        CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
        CREATE INDEX webhook_deliveries_status ON webhook_deliveries (status, created_at DESC, id DESC);

        -- Every try: the receiver's status code, or why there was none.
        CREATE TABLE webhook_delivery_attempts (
            id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            delivery_id      text NOT NULL REFERENCES webhook_deliveries (id),
            attempted_at     timestamptz NOT NULL,
            response_status  int,
            error            text,
            duration_ms      int NOT NULL CHECK (duration_ms >= 0)
        );
        CREATE INDEX webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, id);

        -- Same signature as in migration 4, so its callers are unchanged: the event, one delivery per
        -- live endpoint subscribed to its type, and a NOTIFY to wake the senders at commit.
        \(webhookEventSQL(subscribedOnly: false))
        """
}

extension Schema {
    /// An event no live endpoint subscribes to is not kept (migration 18): it has nobody to go to,
    /// and kept, every payout left two events of about 2 KB each that no one would ever read.
    /// An endpoint hears of the changes after it was created, as before.
    static let webhookEventsSubscribedOnlySQL = webhookEventSQL(subscribedOnly: true)

    /// `webhook_event` as migrations 5 and 18 write it.
    static func webhookEventSQL(subscribedOnly: Bool) -> String {
        let unsubscribed = !subscribedOnly ? "" : """

                IF NOT EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.deleted_at IS NULL AND e.events @> ARRAY[p_type]) THEN
                    RETURN NULL;
                END IF;
            """
        return """
            CREATE OR REPLACE FUNCTION webhook_event(p_type text, p_payout text, p_batch text, p_payload jsonb) RETURNS bigint
            LANGUAGE plpgsql AS $$
            DECLARE
                event bigint;
                fanned int;
            BEGIN\(unsubscribed)
                INSERT INTO webhook_events (type, payout_id, batch_id, payload) VALUES (p_type, p_payout, p_batch, p_payload)
                RETURNING id INTO event;
                INSERT INTO webhook_deliveries (id, event_id, event_type, endpoint_id, next_attempt_at)
                SELECT 'wd_' || replace(gen_random_uuid()::text, '-', ''), event, p_type, e.id, now()
                FROM webhook_endpoints e WHERE e.deleted_at IS NULL AND e.events @> ARRAY[p_type];
                GET DIAGNOSTICS fanned = ROW_COUNT;
                IF fanned > 0 THEN
                    PERFORM pg_notify('webhook_deliveries', event::text);
                END IF;
                RETURN event;
            END $$;
            """
    }
}
