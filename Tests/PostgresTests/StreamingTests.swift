import Postgres
import Testing

/// `forEachRow`: rows handed over one by one, and a connection left ready for the next
/// statement whichever side fails part-way.
@Suite struct StreamingTests {
    struct Stop: Error {}

    @Test func handsOverEveryRowInOrderWithParameters() async throws {
        let seen = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection in
                var seen: [String] = []
                // Rows of a few kilobytes each: the result spans many of the server's 8 KB writes.
                try connection.forEachRow(
                    "SELECT g, repeat($2, 3000) AS filler FROM generate_series(1, $1::int) AS g ORDER BY g",
                    [.integer(300), .text("é")]) { row in
                    let filler = try row.decode("filler", as: String.self)
                    #expect(filler.count == 3000)
                    seen.append(try row.decode(0, as: String.self))
                }
                return seen
            }
        }
        #expect(seen == (1...300).map(String.init))
    }

    @Test func noRowsCallsNothing() async throws {
        let calls = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection in
                var calls = 0
                try connection.forEachRow("SELECT 1 WHERE false") { _ in calls += 1 }
                return calls
            }
        }
        #expect(calls == 0)
    }

    @Test func aServerErrorAfterSomeRowsIsThrownAndTheConnectionGoesOn() async throws {
        let (delivered, error, after) = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection in
                var delivered: [Int] = []
                var caught: PostgresError?
                do {
                    // Division by zero at the fourth row, after three were sent.
                    try connection.forEachRow("SELECT 12 / (4 - g) FROM generate_series(1, 6) AS g") { row in
                        delivered.append(try row.decode(0, as: Int.self))
                    }
                } catch let error as PostgresError {
                    caught = error
                }
                return (delivered, caught, try connection.query("SELECT 'next'")[0].decode(0, as: String.self))
            }
        }
        #expect(delivered == [4, 6, 12])
        #expect(error?.sqlState == "22012")
        #expect(after == "next")
    }

    /// The rest of the result is read, so the connection goes back to the pool idle and is lent
    /// again (libpq would drop unread results before a next statement by itself, but the pool
    /// closes a connection handed back in the middle of one).
    @Test func aThrowingBodyStopsTheCallsAndTheRestIsDrained() async throws {
        let (calls, stopped, first, second) = try await withTestPool(limits: PoolLimits(size: 1)) { pool, _ async throws in
            let (calls, stopped, first) = try await pool.withConnection { connection in
                var calls = 0
                var stopped = false
                do {
                    try connection.forEachRow("SELECT g FROM generate_series(1, 1000) AS g") { _ in
                        calls += 1
                        if calls == 2 { throw Stop() }
                    }
                } catch is Stop {
                    stopped = true
                }
                return (calls, stopped, connection.backendProcessID)
            }
            let (count, second) = try await pool.withConnection { connection in
                (try connection.query("SELECT count(*) FROM generate_series(1, 7)")[0].decode(0, as: Int.self),
                 connection.backendProcessID)
            }
            #expect(count == 7)
            return (calls, stopped, first, second)
        }
        #expect(calls == 2)
        #expect(stopped)
        #expect(first == second)
    }

    @Test func aStatementTheServerRefusesIsThrownBeforeAnyRow() async throws {
        let (error, after) = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection in
                var caught: PostgresError?
                do {
                    try connection.forEachRow("SELECT * FROM no_such_table") { _ in }
                } catch let error as PostgresError {
                    caught = error
                }
                return (caught, try connection.query("SELECT 1")[0].decode(0, as: Int.self))
            }
        }
        #expect(error?.sqlState == "42P01")
        #expect(after == 1)
    }
}
