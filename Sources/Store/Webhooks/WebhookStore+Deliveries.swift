import Payouts
import Postgres

/// What a redelivery request came to.
public enum RedeliverOutcome: Sendable {
    case queued(WebhookDelivery)
    case notFound
    /// Its endpoint was deleted: there is nowhere to send it.
    case endpointDeleted
    /// A sender holds it now: queued again, it could be sent twice at once.
    case inFlight
}

extension WebhookStore {
    /// A page in a stable order (newest first, then id), after `cursor`.
    public func deliveries(_ filter: WebhookDeliveryFilter, after cursor: Cursor?, limit: Int) async throws -> [WebhookDelivery] {
        var conditions: [String] = []
        var parameters: [PostgresValue] = []
        func add(_ condition: (String) -> String, _ value: PostgresValue) {
            parameters.append(value)
            conditions.append(condition("$\(parameters.count)"))
        }
        if let endpoint = filter.endpointID { add({ "endpoint_id = \($0)" }, .text(endpoint)) }
        if let status = filter.status { add({ "status = \($0)" }, .text(status)) }
        if let type = filter.eventType { add({ "event_type = \($0)" }, .text(type)) }
        if let cursor {
            parameters += [.integer(cursor.time), .text(cursor.id)]
            let count = parameters.count
            conditions.append("(created_at, id) < (timestamptz 'epoch' + $\(count - 1)::bigint * interval '1 microsecond', $\(count)::text)")
        }
        // Leading with the filtered column names the matching index (see PayoutStore.order).
        let lead = filter.endpointID != nil ? "endpoint_id, " : filter.status != nil ? "status, " : ""
        let sql = """
            SELECT \(WebhookRecord.deliveryColumns) FROM webhook_deliveries
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(lead)created_at DESC, id DESC LIMIT $\(parameters.count + 1)::int
            """
        let bound = parameters + [.integer(Int64(limit))]
        return try await pool.withConnection { connection in
            try connection.query(sql, bound).map(WebhookRecord.delivery)
        }
    }

    /// One delivery and every try at it, oldest first.
    public func delivery(id: String) async throws -> (WebhookDelivery, [WebhookDeliveryAttempt])? {
        try await pool.withConnection { connection in
            guard let row = try connection.query("SELECT \(WebhookRecord.deliveryColumns) FROM webhook_deliveries WHERE id = $1",
                                                 [.text(id)]).first else { return nil }
            let attempts = try connection.query("""
                SELECT \(WebhookRecord.micros("attempted_at", as: "attempted_micros")), response_status, error, duration_ms
                FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY id
                """, [.text(id)]).map { row in
                WebhookDeliveryAttempt(attemptedAt: Timestamp(microsecondsSinceEpoch: try row.decode(0)),
                                       responseStatus: try row.decode(1), error: try row.decode(2),
                                       durationMilliseconds: try row.decode(3))
            }
            return (try WebhookRecord.delivery(row), attempts)
        }
    }

    /// Makes the delivery due now, whatever its status, unless a sender holds it (its try is
    /// still in flight). `render` makes the stored answer.
    public func redeliver(id: String, idempotency: IdempotencyClaim,
                          render: @escaping @Sendable (WebhookDelivery) -> [UInt8]) async throws -> IdempotentOutcome<RedeliverOutcome> {
        try await pool.withTransaction { connection in
            try IdempotentWrite.run(idempotency, on: connection) { connection in
                guard let row = try connection.query("""
                    SELECT e.deleted_at IS NOT NULL AS deleted, coalesce(d.lease_until > now(), false) AS held
                    FROM webhook_deliveries d
                    JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1 FOR UPDATE OF d
                    """, [.text(id)]).first else { return (.notFound, nil) }
                guard !(try row.decode("deleted", as: Bool.self)) else { return (.endpointDeleted, nil) }
                guard !(try row.decode("held", as: Bool.self)) else { return (.inFlight, nil) }
                let updated = try connection.query("""
                    UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), lease_token = NULL, lease_until = NULL
                    WHERE id = $1 RETURNING \(WebhookRecord.deliveryColumns)
                    """, [.text(id)])
                let delivery = try WebhookRecord.delivery(updated[0])
                try connection.notify(Self.channel, payload: id)
                return (.queued(delivery), (200, render(delivery)))
            }
        }
    }
}
