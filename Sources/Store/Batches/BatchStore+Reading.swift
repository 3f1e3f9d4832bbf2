import Payouts
import Postgres

/// Filters of `GET /v1/payout-batches`; nil means any.
public struct BatchFilter: Sendable, Equatable {
    public var status: BatchStatus?

    /// Filters; none means every batch.
    public init(status: BatchStatus? = nil) {
        self.status = status
    }
}

extension BatchStore {
    /// The batch with its payouts counted and summed by status; nil when there is none.
    public func batch(id: String) async throws -> StoredBatch? {
        try await pool.withConnection { try Self.batch(id: id, on: $0) }
    }

    static func batch(id: String, on connection: PostgresConnection) throws -> StoredBatch? {
        guard let row = try connection.query("SELECT \(BatchRecord.columns) FROM \(BatchRecord.from) WHERE b.id = $1",
                                             [.text(id)]).first else { return nil }
        let tallies = try connection.query("""
            SELECT status, count(*)::bigint AS items, sum(amount)::bigint AS amount
            FROM payouts WHERE batch_id = $1 GROUP BY status
            """, [.text(id)])
        return try BatchRecord.batch(row, tallies: tallies)
    }

    /// A page newest first, after `cursor`, each batch with its tallies (one GROUP BY for the page).
    public func list(_ filter: BatchFilter, after cursor: Cursor?, limit: Int) async throws -> [StoredBatch] {
        var conditions: [String] = []
        var parameters: [PostgresValue] = []
        if let status = filter.status {
            parameters.append(.text(status.rawValue))
            conditions.append("b.status = $\(parameters.count)")
        }
        if let cursor {
            parameters += [.integer(cursor.time), .text(cursor.id)]
            conditions.append("""
                (b.created_at, b.id) < (timestamptz 'epoch' + $\(parameters.count - 1)::bigint * interval '1 microsecond', \
                $\(parameters.count)::text)
                """)
        }
        parameters.append(.integer(Int64(limit)))
        let sql = """
            SELECT \(BatchRecord.columns) FROM \(BatchRecord.from)
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY b.created_at DESC, b.id DESC LIMIT $\(parameters.count)::int
            """
        let bound = parameters
        return try await pool.withConnection { connection in
            let rows = try connection.query(sql, bound)
            let ids = try rows.map { try $0.decode("id", as: String.self) }
            guard !ids.isEmpty else { return [] }
            let tallies = try connection.query("""
                SELECT batch_id, status, count(*)::bigint AS items, sum(amount)::bigint AS amount
                FROM payouts WHERE batch_id = ANY ($1::text[]) GROUP BY batch_id, status
                """, [.text(ArrayLiteral.text(ids))])
            var byBatch: [String: [PostgresRow]] = [:]
            for tally in tallies { byBatch[try tally.decode("batch_id"), default: []].append(tally) }
            return try zip(rows, ids).map { try BatchRecord.batch($0, tallies: byBatch[$1] ?? []) }
        }
    }
}
