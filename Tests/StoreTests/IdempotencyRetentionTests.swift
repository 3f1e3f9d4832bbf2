import Postgres
import Store
import Testing

@Suite struct IdempotencyRetentionTests {
    @Test func deletesOnlyKeysOlderThanTheRetention() async throws {
        try await withLedgerDatabase { pool in
            let key = try await ApiKeyStore(pool: pool).create(name: "retention", keyHash: [7], scopes: []).id
            try await pool.withConnection { connection in
                for (name, age) in [("fresh", 1), ("day-old", 25), ("expired", 49), ("ancient", 500)] {
                    try connection.execute("""
                        INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body, created_at)
                        VALUES ($1::bigint, $2, '\\x00', 202, '\\x00', now() - $3::int * interval '1 hour')
                        """, [.integer(key), .text(name), .integer(Int64(age))])
                }
            }
            let store = PayoutStore(pool: pool)
            #expect(try await store.deleteIdempotencyKeys(olderThanHours: 48, batch: 1) == 1)
            #expect(try await store.deleteIdempotencyKeys(olderThanHours: 48) == 1)
            #expect(try await store.deleteIdempotencyKeys(olderThanHours: 48) == 0)
            let left = try await pool.withConnection { try $0.query("SELECT key FROM idempotency_keys ORDER BY key").map { try $0.decode(0, as: String.self) } }
            #expect(left == ["day-old", "fresh"])
        }
    }
}
