@testable import Postgres
import Testing
import TestSupport

/// A statement stuck behind a lock, or a database gone quiet, must give its connection back.
@Suite struct StatementTimeoutTests {
    @Test func aStatementWaitingTooLongOnALockIsCancelledAndTheConnectionStaysUsable() async throws {
        try await withTestPool(limits: PoolLimits(size: 1, statementTimeout: .seconds(1))) { pool, database async throws in
            // Set up without the limit: on a busy machine even a CREATE TABLE may take longer.
            let setup = PostgresPool(configuration: try database.configuration(), limits: PoolLimits(size: 1))
            try await setup.withConnection { connection in
                try connection.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint)")
                try connection.execute("INSERT INTO accounts VALUES (1, 100)")
            }
            await setup.shutdown()
            try await whileAnotherSessionHolds(try database.configuration(), "SELECT 1 FROM accounts WHERE id = 1 FOR UPDATE") {
                let error = await #expect(throws: PostgresError.self) {
                    try await pool.withConnection { connection in
                        try connection.execute("UPDATE accounts SET balance = 0 WHERE id = 1")
                    }
                }
                #expect(error?.sqlState == "57014")
                #expect(error?.isTransient == true)
            }
            // The same connection answers again, with its limit still set; the UPDATE left nothing.
            let (timeout, balance) = try await pool.withConnection { connection in
                (try connection.statementTimeout(), try connection.query("SELECT balance FROM accounts")[0].decode(0, as: Int.self))
            }
            #expect(timeout == "1s")
            #expect(balance == 100)
        }
    }

    @Test func withoutALimitTheServerSettingStays() async throws {
        try await withTestPool(limits: PoolLimits(size: 1)) { pool, _ async throws in
            #expect(try await pool.withConnection { try $0.statementTimeout() } == "0")
        }
    }

    @Test func migrationsRunWithoutTheLimitAndTheSessionGetsItBack() async throws {
        let migrator = Migrator(migrations: [
            Migration(version: 1, name: "slow", sql: "SELECT pg_sleep(1.5); CREATE TABLE done (id int)"),
        ])
        try await withTestPool(limits: PoolLimits(size: 1, statementTimeout: .seconds(1))) { pool, _ async throws in
            #expect(try await migrator.migrate(pool) == [1])
            let timeout = try await pool.withConnection { try $0.statementTimeout() }
            #expect(timeout == "1s")
        }
    }

    @Test func transientErrorsAreTheOnesALaterTryCanGetPast() {
        #expect(PostgresError(kind: .poolTimeout, message: "").isTransient)
        #expect(PostgresError(kind: .connectionLost, message: "").isTransient)
        #expect(PostgresError(kind: .server, message: "", sqlState: "40P01").isTransient)
        #expect(PostgresError(kind: .server, message: "", sqlState: "53300").isTransient)
        #expect(PostgresError(kind: .server, message: "", sqlState: "08006").isTransient)
        #expect(!PostgresError(kind: .server, message: "", sqlState: "23505").isTransient)
        #expect(!PostgresError(kind: .server, message: "", sqlState: "42P01").isTransient)
        #expect(!PostgresError(kind: .server, message: "").isTransient)
        #expect(!PostgresError(kind: .decode, message: "").isTransient)
    }

    @Test func tcpConnectionsGetKeepalivesUnlessTheURLSetsThem() throws {
        let plain = try PostgresConfiguration(url: "postgresql://gw@db.internal:5432/payouts")
        let parameters = PostgresConnection.effectiveParameters(plain, connectTimeout: .milliseconds(1500))
        #expect(parameters["connect_timeout"] == "2")
        #expect(parameters["keepalives"] == "1")
        #expect(parameters["keepalives_idle"] == "30")
        #expect(parameters["tcp_user_timeout"] == "60000")

        let tuned = try PostgresConfiguration(
            url: "postgresql://gw@db.internal/payouts?keepalives_idle=5&tcp_user_timeout=0&connect_timeout=9")
        let kept = PostgresConnection.effectiveParameters(tuned, connectTimeout: .seconds(5))
        #expect(kept["keepalives_idle"] == "5")
        #expect(kept["tcp_user_timeout"] == "0")
        #expect(kept["connect_timeout"] == "9")
        #expect(kept["keepalives_count"] == "3")
    }
}
