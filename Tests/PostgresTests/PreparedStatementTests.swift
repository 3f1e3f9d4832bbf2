import Postgres
import Testing

/// A connection prepares each distinct statement once and runs it by name afterwards.
@Suite struct PreparedStatementTests {
    private static let countPrepared = "SELECT count(*) FROM pg_prepared_statements"

    @Test func aRepeatedStatementIsPreparedOnce() async throws {
        let (before, after, values) = try await withTestPool(limits: PoolLimits(size: 1)) { pool, _ async throws in
            try await pool.withConnection { connection in
                let before = try connection.query(Self.countPrepared)[0].decode(0, as: Int.self)
                var values: [Int64] = []
                for n in 1...5 {
                    values.append(try connection.query("SELECT $1::int8 * 2", [.integer(Int64(n))])[0].decode(0, as: Int64.self))
                }
                let after = try connection.query(Self.countPrepared)[0].decode(0, as: Int.self)
                return (before, after, values)
            }
        }
        // The counting statement itself is the first one prepared.
        #expect(before == 1)
        #expect(after == 2)
        #expect(values == [2, 4, 6, 8, 10])
    }

    /// Bytes are declared bytea and sent in binary; the same text with a text parameter is
    /// another statement, so neither is run with the other's parameter types.
    @Test func parameterFormatsArePartOfTheStatement() async throws {
        let results = try await withTestPool(limits: PoolLimits(size: 1)) { pool, _ async throws in
            try await pool.withConnection { connection in
                [
                    try connection.query("SELECT length($1)", [.bytes([0, 1, 2])])[0].decode(0, as: Int.self),
                    try connection.query("SELECT length($1)", [.text("hello")])[0].decode(0, as: Int.self),
                    try connection.query("SELECT length($1)", [.bytes([9])])[0].decode(0, as: Int.self),
                ]
            }
        }
        #expect(results == [3, 5, 1])
    }

    /// Past the cap, statements still run, unprepared; a failed preparation caches nothing.
    @Test func statementsPastTheCapAndFailedOnesStillBehave() async throws {
        let (prepared, last) = try await withTestPool(limits: PoolLimits(size: 1)) { pool, _ async throws in
            try await pool.withConnection { connection in
                #expect(throws: PostgresError.self) { try connection.query("SELECT FROM nowhere_at_all") }
                var last = 0
                for n in 0..<300 {
                    last = try connection.query("SELECT \(n) + $1::int", [.integer(1)])[0].decode(0, as: Int.self)
                }
                return (try connection.query(Self.countPrepared)[0].decode(0, as: Int.self), last)
            }
        }
        #expect(last == 300)
        #expect(prepared == 256)
    }
}
