/// Applies migrations that the database has not recorded yet, in order.
public struct Migrator: Sendable {
    /// The migrations this program knows, in version order.
    public let migrations: [Migration]

    /// An arbitrary fixed key for `pg_advisory_lock`, shared by every process that migrates.
    static let lockKey: Int64 = 0x6d69_6772_6174_65

    /// Makes a migrator; versions must strictly increase.
    public init(migrations: [Migration]) {
        for (earlier, later) in zip(migrations, migrations.dropFirst()) {
            precondition(earlier.version < later.version, "migration versions must strictly increase")
        }
        self.migrations = migrations
    }

    /// Takes pg_advisory_lock (a fixed key) on one connection, creates `schema_migrations` if
    /// missing, applies each missing migration in its own transaction recording it, unlocks.
    /// Safe when two processes run it at once. Returns versions applied now.
    public func migrate(_ pool: PostgresPool) async throws -> [Int] {
        let migrations = migrations
        return try await pool.withConnection { connection in
            // No statement timeout while migrating: waiting for another process's migrations and
            // building an index over a large table may both take longer than any request should.
            let statementTimeout = try connection.statementTimeout()
            try connection.execute("SET statement_timeout = 0")
            defer { _ = try? connection.execute("SELECT set_config('statement_timeout', $1, false)", [.text(statementTimeout)]) }
            // A session lock: it waits for another migrating process and outlives each transaction.
            try connection.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
            defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Self.lockKey))") }
            try connection.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version int PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let applied = try Self.appliedVersions(connection)
            var appliedNow: [Int] = []
            for migration in migrations where !applied.contains(migration.version) {
                try connection.transaction { connection in
                    try connection.executeScript(migration.sql)
                    try connection.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                        [PostgresValue(migration.version), .text(migration.name)])
                }
                appliedNow.append(migration.version)
            }
            return appliedNow
        }
    }

    /// Versions known to this migrator but not recorded in the database (empty means up to date).
    public func pendingVersions(_ pool: PostgresPool) async throws -> [Int] {
        let versions = migrations.map(\.version)
        return try await pool.withConnection { connection in
            let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
            guard try exists.first?.decode(0, as: Bool.self) == true else { return versions }
            let applied = try Self.appliedVersions(connection)
            return versions.filter { !applied.contains($0) }
        }
    }

    private static func appliedVersions(_ connection: PostgresConnection) throws(PostgresError) -> Set<Int> {
        var versions: Set<Int> = []
        for row in try connection.query("SELECT version FROM schema_migrations") {
            versions.insert(try row.decode(0, as: Int.self))
        }
        return versions
    }
}
