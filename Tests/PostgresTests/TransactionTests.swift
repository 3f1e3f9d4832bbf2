import Postgres
import Testing

@Suite struct TransactionTests {
    struct Abort: Error {}

    private static func count(_ pool: PostgresPool) async throws -> Int {
        try await pool.withConnection { connection in
            try connection.query("SELECT count(*) FROM entries")[0].decode(0, as: Int.self)
        }
    }

    private static func makeTable(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.execute("CREATE TABLE entries (id int PRIMARY KEY)")
        }
    }

    @Test func commits() async throws {
        let count = try await withTestPool { pool, _ async throws in
            try await Self.makeTable(pool)
            try await pool.withTransaction { connection in
                try connection.execute("INSERT INTO entries VALUES (1), (2)")
            }
            return try await Self.count(pool)
        }
        #expect(count == 2)
    }

    @Test func rollsBackOnThrownSwiftError() async throws {
        let count = try await withTestPool { pool, _ async throws in
            try await Self.makeTable(pool)
            await #expect(throws: Abort.self) {
                try await pool.withTransaction { connection in
                    try connection.execute("INSERT INTO entries VALUES (1)")
                    throw Abort()
                }
            }
            return try await Self.count(pool)
        }
        #expect(count == 0)
    }

    @Test func rollsBackOnSQLError() async throws {
        let count = try await withTestPool { pool, _ async throws in
            try await Self.makeTable(pool)
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withTransaction { connection in
                    try connection.execute("INSERT INTO entries VALUES (1)")
                    try connection.execute("INSERT INTO entries VALUES (1)")
                }
            }
            #expect(error?.sqlState == "23505")
            return try await Self.count(pool)
        }
        #expect(count == 0)
    }

    @Test func swallowedSQLErrorDoesNotLookCommitted() async throws {
        let count = try await withTestPool { pool, _ async throws in
            try await Self.makeTable(pool)
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withTransaction { connection in
                    try connection.execute("INSERT INTO entries VALUES (1)")
                    _ = try? connection.execute("SELECT 1/0")
                }
            }
            #expect(error?.sqlState == "25P02")
            return try await Self.count(pool)
        }
        #expect(count == 0)
    }

    @Test func genericPlansHoldForTheTransactionOnly() async throws {
        let (inside, afterCommit, afterRollback) = try await withTestPool(limits: PoolLimits(size: 1)) { pool, _ async throws in
            try await Self.makeTable(pool)
            let setting = "SELECT current_setting('plan_cache_mode')"
            let inside = try await pool.withTransaction(genericPlans: true) { connection in
                try connection.execute("INSERT INTO entries VALUES (1)")
                return try connection.query(setting)[0].decode(0, as: String.self)
            }
            let afterCommit = try await pool.withConnection { try $0.query(setting)[0].decode(0, as: String.self) }
            await #expect(throws: Abort.self) {
                try await pool.withTransaction(genericPlans: true) { _ in throw Abort() }
            }
            let afterRollback = try await pool.withConnection { try $0.query(setting)[0].decode(0, as: String.self) }
            #expect(try await Self.count(pool) == 1)
            return (inside, afterCommit, afterRollback)
        }
        #expect(inside == "force_generic_plan")
        #expect(afterCommit == "auto")
        #expect(afterRollback == "auto")
    }

    @Test func connectionComesBackOutsideAnyTransaction() async throws {
        let (count, inTransaction) = try await withTestPool(limits: PoolLimits(size: 1)) { pool, _ async throws in
            try await Self.makeTable(pool)
            try await pool.withConnection { connection in
                try connection.execute("BEGIN")
                try connection.execute("INSERT INTO entries VALUES (1)")
            }
            let inTransaction = try await pool.withConnection { connection in
                // The abandoned INSERT took a transaction id; a fresh autocommit SELECT has none.
                try connection.query("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")[0].decode(0, as: Bool.self)
            }
            return (try await Self.count(pool), inTransaction)
        }
        #expect(count == 0)
        #expect(!inTransaction)
    }
}
