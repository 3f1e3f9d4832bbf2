import Postgres
import Testing

@Suite struct MigratorTests {
    static let migrations = [
        Migration(version: 1, name: "accounts", sql: "CREATE TABLE accounts (id int PRIMARY KEY, owner text)"),
        Migration(version: 2, name: "seed", sql: """
            INSERT INTO accounts VALUES (1, 'house');
            INSERT INTO accounts VALUES (2, 'fees');
            """),
        Migration(version: 5, name: "index", sql: "CREATE INDEX accounts_owner ON accounts (owner)"),
    ]

    @Test func appliesOnceAndReportsPending() async throws {
        let migrator = Migrator(migrations: Self.migrations)
        try await withTestPool { pool, _ async throws in
            #expect(try await migrator.pendingVersions(pool) == [1, 2, 5])
            #expect(try await migrator.migrate(pool) == [1, 2, 5])
            #expect(try await migrator.pendingVersions(pool) == [])
            #expect(try await migrator.migrate(pool) == [])

            let later = Migrator(migrations: Self.migrations + [
                Migration(version: 6, name: "more", sql: "ALTER TABLE accounts ADD COLUMN note text")
            ])
            #expect(try await later.pendingVersions(pool) == [6])
            #expect(try await later.migrate(pool) == [6])
        }
    }

    @Test func twoProcessesRacingApplyEachMigrationExactlyOnce() async throws {
        let migrator = Migrator(migrations: Self.migrations)
        try await withTestPool { pool, database async throws in
            let other = PostgresPool(configuration: try database.configuration(), limits: PoolLimits(size: 1))
            async let first = migrator.migrate(pool)
            async let second = migrator.migrate(other)
            let (a, b) = try await (first, second)
            await other.shutdown()

            #expect((a + b).sorted() == [1, 2, 5])
            #expect(Set(a).isDisjoint(with: b))
            let counts = try await pool.withConnection { connection in
                [
                    try connection.query("SELECT count(*) FROM schema_migrations")[0].decode(0, as: Int.self),
                    try connection.query("SELECT count(*) FROM accounts")[0].decode(0, as: Int.self),
                ]
            }
            #expect(counts == [3, 2])
        }
    }

    @Test func failedMigrationRollsBackAndIsNotRecorded() async throws {
        let migrator = Migrator(migrations: [
            Self.migrations[0],
            Migration(version: 2, name: "broken", sql: """
                CREATE TABLE half_done (id int);
                INSERT INTO no_such_table VALUES (1);
                """),
        ])
        try await withTestPool { pool, _ async throws in
            let error = await #expect(throws: PostgresError.self) { try await migrator.migrate(pool) }
            #expect(error?.sqlState == "42P01")
            #expect(try await migrator.pendingVersions(pool) == [2])
            let halfDone = try await pool.withConnection { connection in
                try connection.query("SELECT to_regclass('half_done') IS NULL")[0].decode(0, as: Bool.self)
            }
            #expect(halfDone)
            // The advisory lock was released: another migrator is not blocked.
            let lockFree = try await pool.withConnection { connection in
                try connection.query("SELECT pg_try_advisory_lock(\(0x6d69_6772_6174_65))")[0].decode(0, as: Bool.self)
            }
            #expect(lockFree)
        }
    }
}
