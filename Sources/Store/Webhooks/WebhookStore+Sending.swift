import Payouts
import Postgres

/// A delivery claimed for sending, with what is needed to send it.
public struct ClaimedDelivery: Sendable {
    public var id: String
    public var endpointID: String
    public var eventID: Int64
    public var eventType: String
    public var eventCreatedAt: String
    /// Tries recorded before this one.
    public var attempts: Int
    /// The event's payload as JSON text.
    public var payload: String
    public var url: String
    public var signingSecret: String
    /// False when the endpoint was deleted after the delivery was queued: it is not sent.
    public var endpointIsLive: Bool
}

/// How one try ended.
public struct DeliveryTry: Sendable {
    public var attemptedAt: Timestamp
    public var responseStatus: Int?
    public var error: String?
    public var durationMilliseconds: Int
    /// Whether the receiver took it (a 2xx).
    public var isDelivered: Bool

    public init(attemptedAt: Timestamp, responseStatus: Int?, error: String?, durationMilliseconds: Int) {
        self.attemptedAt = attemptedAt
        self.responseStatus = responseStatus
        self.error = error
        self.durationMilliseconds = durationMilliseconds
        self.isDelivered = responseStatus.map { (200...299).contains($0) } ?? false
    }
}

extension WebhookStore {
    /// Claims up to `limit` due deliveries for `lease` under `token`. SKIP LOCKED lets several
    /// senders claim at once without waiting on or taking each other's rows.
    public func claim(limit: Int, token: String, lease: Duration) async throws -> [ClaimedDelivery] {
        let leaseMilliseconds = lease.wholeMilliseconds
        return try await pool.withConnection { connection in
            try connection.query("""
                WITH due AS (
                    SELECT id FROM webhook_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                    ORDER BY next_attempt_at, id LIMIT $1::int FOR UPDATE SKIP LOCKED
                )
                UPDATE webhook_deliveries d SET lease_token = $2, lease_until = now() + $3::bigint * interval '1 millisecond'
                FROM due, webhook_events v, webhook_endpoints e
                WHERE d.id = due.id AND v.id = d.event_id AND e.id = d.endpoint_id
                RETURNING d.id, d.endpoint_id, v.id, v.type, \(SQLTime.text("v.created_at")), v.payload::text, e.url,
                    e.signing_secret, e.deleted_at IS NULL, d.attempts
                """, [.integer(Int64(limit)), .text(token), .integer(leaseMilliseconds)]).map { row in
                ClaimedDelivery(id: try row.decode(0), endpointID: try row.decode(1), eventID: try row.decode(2),
                                eventType: try row.decode(3), eventCreatedAt: try row.decode(4), attempts: try row.decode(9),
                                payload: try row.decode(5), url: try row.decode(6), signingSecret: try row.decode(7),
                                endpointIsLive: try row.decode(8))
            }
        }
    }

    /// Records the try and what follows from it: delivered; due again after `retryDelay`; or
    /// failed once `giveUpAfter` has passed since the delivery was created. The try is recorded
    /// even when the lease was lost (a redelivery reset it); the status is then left alone.
    /// Returns the new status, or nil when the lease was lost.
    public func complete(_ id: String, token: String, with attempt: DeliveryTry, retryDelay: Duration,
                         giveUpAfter: Duration) async throws -> String? {
        let delay = retryDelay.wholeMilliseconds
        let window = giveUpAfter.wholeMilliseconds
        let parameters: [PostgresValue] = [
            .text(id), .text(token), .boolean(attempt.isDelivered), PostgresValue(attempt.responseStatus), PostgresValue(attempt.error),
            .integer(delay), .integer(window), .integer(attempt.attemptedAt.microsecondsSinceEpoch),
            .integer(Int64(attempt.durationMilliseconds)),
        ]
        return try await pool.withConnection { connection in
            try connection.query("""
                WITH tried AS (
                    INSERT INTO webhook_delivery_attempts (delivery_id, attempted_at, response_status, error, duration_ms)
                    VALUES ($1, timestamptz 'epoch' + $8::bigint * interval '1 microsecond', $4::int, $5, $9::int)
                ), settled AS (
                    SELECT id, CASE WHEN $3::boolean THEN 'delivered'
                        WHEN now() >= created_at + $7::bigint * interval '1 millisecond' THEN 'failed'
                        ELSE 'pending' END AS status,
                        least(now() + $6::bigint * interval '1 millisecond', created_at + $7::bigint * interval '1 millisecond') AS next_at
                    FROM webhook_deliveries WHERE id = $1 AND lease_token = $2
                )
                UPDATE webhook_deliveries d SET status = s.status, attempts = d.attempts + 1,
                    next_attempt_at = CASE WHEN s.status = 'pending' THEN s.next_at END,
                    delivered_at = CASE WHEN s.status = 'delivered' THEN now() ELSE d.delivered_at END,
                    last_response_status = $4::int, last_error = $5, lease_token = NULL, lease_until = NULL
                FROM settled s WHERE d.id = s.id AND d.lease_token = $2
                RETURNING d.status
                """, parameters).first.map { try $0.decode(0) }
        }
    }

    /// Hands a claimed delivery back untried: due again after `delay`, with no attempt recorded.
    public func putBack(_ id: String, token: String, after delay: Duration) async throws {
        try await pool.withConnection { connection in
            try connection.execute("""
                UPDATE webhook_deliveries SET next_attempt_at = now() + $3::bigint * interval '1 millisecond',
                    lease_token = NULL, lease_until = NULL
                WHERE id = $1 AND lease_token = $2
                """, [.text(id), .text(token), .integer(delay.wholeMilliseconds)])
        }
    }

    /// Gives up a delivery whose endpoint was deleted, without a try.
    public func abandon(_ id: String, token: String) async throws {
        try await pool.withConnection { connection in
            try connection.execute("""
                UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, lease_token = NULL, lease_until = NULL,
                    last_error = 'endpoint deleted'
                WHERE id = $1 AND lease_token = $2
                """, [.text(id), .text(token)])
        }
    }

    /// How long until the next unclaimed pending delivery is due (zero when one is due now); nil
    /// when none is waiting. Claimed ones are left out: their holder settles them, and an expired
    /// lease is found by the senders' regular polling.
    public func nextDue() async throws -> Duration? {
        try await pool.withConnection { connection in
            // Not greatest(0, …) in SQL: it skips a NULL, so "nothing pending" became "due now"
            // and the sender asked again at once, in a loop, for as long as nothing was pending.
            let rows = try connection.query("""
                SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::bigint
                FROM webhook_deliveries WHERE status = 'pending' AND lease_token IS NULL
                """)
            return (try rows[0].decode(0, as: Int64?.self)).map { Duration.milliseconds(max(0, $0)) }
        }
    }
}
