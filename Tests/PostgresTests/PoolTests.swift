import Dispatch
import Postgres
import Testing
import TestSupport

@Suite struct PoolTests {
    /// Starts a caller that holds a connection until `gate` is signalled.
    private static func hold(_ pool: PostgresPool, until gate: DispatchSemaphore) -> Task<Void, any Error> {
        Task {
            try await pool.withConnection { _ in gate.wait() }
        }
    }

    @Test func timesOutWhenExhaustedAndRecoversOnRelease() async throws {
        try await withTestPool(limits: PoolLimits(size: 2, acquireTimeout: .milliseconds(200))) { pool, _ async throws in
            let gates = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
            let holders = gates.map { Self.hold(pool, until: $0) }
            #expect(try await eventually { pool.statistics.inUse == 2 })

            let error = await #expect(throws: PostgresError.self) {
                try await pool.withConnection { connection in try connection.execute("SELECT 1") }
            }
            #expect(error?.kind == .poolTimeout)

            gates[0].signal()
            try await holders[0].value
            let one = try await pool.withConnection { connection in
                try connection.query("SELECT 1")[0].decode(0, as: Int.self)
            }
            #expect(one == 1)
            gates[1].signal()
            try await holders[1].value
        }
    }

    @Test func statisticsTrackHoldersAndWaiters() async throws {
        try await withTestPool(limits: PoolLimits(size: 2, acquireTimeout: .seconds(60))) { pool, _ async throws in
            #expect(pool.statistics == PoolStatistics(size: 0, inUse: 0, idle: 0, waiting: 0))
            let gates = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
            let holders = gates.map { Self.hold(pool, until: $0) }
            #expect(try await eventually { pool.statistics.inUse == 2 })
            #expect(pool.statistics == PoolStatistics(size: 2, inUse: 2, idle: 0, waiting: 0))

            let waiter = Task { try await pool.withConnection { connection in try connection.execute("SELECT 1") } }
            #expect(try await eventually { pool.statistics.waiting == 1 })
            #expect(pool.statistics == PoolStatistics(size: 2, inUse: 2, idle: 0, waiting: 1))

            gates[0].signal()
            _ = try await waiter.value
            try await holders[0].value
            #expect(pool.statistics == PoolStatistics(size: 2, inUse: 1, idle: 1, waiting: 0))
            gates[1].signal()
            try await holders[1].value
            #expect(pool.statistics == PoolStatistics(size: 2, inUse: 0, idle: 2, waiting: 0))
        }
    }

    @Test func cancelledWaiterLeavesTheQueue() async throws {
        try await withTestPool(limits: PoolLimits(size: 1, acquireTimeout: .seconds(60))) { pool, _ async throws in
            let gate = DispatchSemaphore(value: 0)
            let holder = Self.hold(pool, until: gate)
            #expect(try await eventually { pool.statistics.inUse == 1 })
            let waiter = Task { try await pool.withConnection { _ in 1 } }
            #expect(try await eventually { pool.statistics.waiting == 1 })
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            #expect(pool.statistics.waiting == 0)
            gate.signal()
            try await holder.value
        }
    }

    @Test func replacesAnIdleConnectionKilledByTheServer() async throws {
        try await withTestPool(limits: PoolLimits(size: 1)) { pool, database async throws in
            let first = try await pool.withConnection { connection in
                try connection.query("SELECT pg_backend_pid()")[0].decode(0, as: Int.self)
            }
            let killer = PostgresPool(configuration: try database.configuration(), limits: PoolLimits(size: 1))
            // The second argument makes it wait until the backend has exited.
            let killed = try await killer.withConnection { connection in
                try connection.query("SELECT pg_terminate_backend($1::int, 10000)", [PostgresValue(first)])[0]
                    .decode(0, as: Bool.self)
            }
            await killer.shutdown()
            #expect(killed)

            let second = try await pool.withConnection { connection in
                try connection.query("SELECT pg_backend_pid()")[0].decode(0, as: Int.self)
            }
            #expect(second != first)
            #expect(pool.statistics.size == 1)
        }
    }

    @Test func connectionLostMidUseIsReportedThenReplaced() async throws {
        try await withTestPool(limits: PoolLimits(size: 1)) { pool, _ async throws in
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withConnection { connection in
                    try connection.execute("SELECT pg_terminate_backend(pg_backend_pid())")
                }
            }
            #expect(error?.kind == .connectionLost)
            let one = try await pool.withConnection { connection in
                try connection.query("SELECT 1")[0].decode(0, as: Int.self)
            }
            #expect(one == 1)
        }
    }

    @Test func refusesWorkAfterShutdown() async throws {
        let database = try await TestPostgres.makeDatabase()
        let pool = PostgresPool(configuration: try database.configuration())
        try await pool.withConnection { connection in try connection.execute("SELECT 1") }
        await pool.shutdown()
        #expect(pool.statistics == PoolStatistics(size: 0, inUse: 0, idle: 0, waiting: 0))
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { _ in 1 }
        }
        #expect(error?.kind == .poolClosed)
        try await database.drop()
    }

    @Test func failsToConnectWithAClearError() async throws {
        let pool = PostgresPool(
            configuration: try PostgresConfiguration(url: "postgresql://nobody@/none?host=/nonexistent-socket-dir"))
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { _ in 1 }
        }
        #expect(error?.kind == .connectionFailed)
        #expect(pool.statistics.size == 0)
        await pool.shutdown()
    }
}
