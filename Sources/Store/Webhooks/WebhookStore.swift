import Postgres

/// What creating an endpoint writes.
public struct NewWebhookEndpoint: Sendable {
    public var endpoint: WebhookEndpoint
    public var signingSecret: String
    /// The API key that asked.
    public var createdBy: Int64

    public init(endpoint: WebhookEndpoint, signingSecret: String, createdBy: Int64) {
        self.endpoint = endpoint
        self.signingSecret = signingSecret
        self.createdBy = createdBy
    }
}

/// Client webhook endpoints, their deliveries and every try (`webhook_*` tables).
public struct WebhookStore: Sendable {
    /// NOTIFY channel of `webhook_event`: new deliveries are due.
    public static let channel = "webhook_deliveries"
    let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    /// Stores the endpoint and `responseBody` (status 201, the one answer that shows the secret)
    /// under the idempotency key, in one transaction.
    public func create(_ new: NewWebhookEndpoint, idempotency: IdempotencyClaim,
                       responseBody: [UInt8]) async throws -> IdempotentOutcome<Bool> {
        try await pool.withTransaction { connection in
            try IdempotentWrite.run(idempotency, on: connection) { connection in
                let endpoint = new.endpoint
                try connection.execute("""
                    INSERT INTO webhook_endpoints (id, url, events, signing_secret, created_by, created_at)
                    VALUES ($1, $2, $3::text[], $4, $5::bigint, timestamptz 'epoch' + $6::bigint * interval '1 microsecond')
                    """, [.text(endpoint.id), .text(endpoint.url), .text(ArrayLiteral.text(endpoint.events)),
                          .text(new.signingSecret), .integer(new.createdBy), .integer(endpoint.createdAt.microsecondsSinceEpoch)])
                return (true, (201, responseBody))
            }
        }
    }

    /// Live endpoints, oldest first.
    public func endpoints() async throws -> [WebhookEndpoint] {
        try await pool.withConnection { connection in
            try connection.query("""
                SELECT \(WebhookRecord.endpointColumns) FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id
                """).map(WebhookRecord.endpoint)
        }
    }

    /// One endpoint, deleted or not.
    public func endpoint(id: String) async throws -> WebhookEndpoint? {
        try await pool.withConnection { connection in
            try connection.query("SELECT \(WebhookRecord.endpointColumns) FROM webhook_endpoints WHERE id = $1", [.text(id)])
                .first.map(WebhookRecord.endpoint)
        }
    }

    /// Marks the endpoint deleted (once; deleting again changes nothing) and gives up its pending
    /// deliveries. False when no endpoint has that id.
    public func deleteEndpoint(id: String) async throws -> Bool {
        try await pool.withTransaction { connection in
            let found = try connection.execute("""
                UPDATE webhook_endpoints SET deleted_at = coalesce(deleted_at, now()) WHERE id = $1
                """, [.text(id)]) == 1
            if found {
                try connection.execute("""
                    UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, lease_token = NULL,
                        lease_until = NULL, last_error = 'endpoint deleted'
                    WHERE endpoint_id = $1 AND status = 'pending'
                    """, [.text(id)])
            }
            return found
        }
    }
}
