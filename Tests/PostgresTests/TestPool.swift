import Postgres
import TestSupport

/// Runs `body` with a pool on a fresh database, then shuts the pool down and drops the database.
func withTestPool<T: Sendable>(
    limits: PoolLimits = PoolLimits(size: 4),
    _ body: (PostgresPool, TestDatabase) async throws -> T
) async throws -> T {
    let database = try await TestPostgres.makeDatabase()
    let pool = PostgresPool(configuration: try database.configuration(), limits: limits)
    do {
        let result = try await body(pool, database)
        await pool.shutdown()
        try await database.drop()
        return result
    } catch {
        await pool.shutdown()
        try? await database.drop()
        throw error
    }
}

/// Polls `condition` until it holds; gives up (returning false) after `attempts` tries.
func eventually(attempts: Int = 1_000, _ condition: () async throws -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return false
}
