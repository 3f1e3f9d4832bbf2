import Postgres

/// An empty database created for one test.
public struct TestDatabase: Sendable {
    /// The database name, unique per call.
    public let name: String
    /// A URL connecting to it as the superuser.
    public let url: String

    /// The configuration for `url`.
    public func configuration() throws -> PostgresConfiguration {
        try PostgresConfiguration(url: url)
    }

    /// Removes the database, first ending any sessions still connected to it.
    public func drop() async throws {
        let name = name
        try await TestPostgres.withServer(try TestPostgres.serverURL()) { connection in
            try connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }
}
