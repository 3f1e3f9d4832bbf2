import Foundation
import Postgres

/// The throw-away PostgreSQL server that `.ci/with-postgres` (run by `make test`) starts for tests.
public enum TestPostgres {
    /// The maintenance URL of the throw-away server started by `make test`, read from env
    /// TEST_DATABASE_URL (a superuser URL, typically a unix socket dir).
    public static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else {
            throw MissingServer()
        }
        return url
    }

    /// Creates a fresh, uniquely named empty database on that server and returns it;
    /// `drop()` removes it (terminating leftover sessions).
    public static func makeDatabase() async throws -> TestDatabase {
        let serverURL = try serverURL()
        let name = "test_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try await withServer(serverURL) { connection in
            try connection.execute("CREATE DATABASE \(name)")
        }
        return TestDatabase(name: name, url: replacingDatabase(in: serverURL, with: name))
    }

    /// Runs one closure on a short-lived connection to the maintenance database.
    static func withServer(_ url: String, _ body: @escaping @Sendable (PostgresConnection) throws -> Void) async throws {
        let pool = PostgresPool(configuration: try PostgresConfiguration(url: url), limits: PoolLimits(size: 1))
        do {
            try await pool.withConnection(body)
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }

    /// `scheme://authority/old?query` with the path swapped for `database`.
    static func replacingDatabase(in url: String, with database: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        let query = afterScheme[authorityEnd...].firstIndex(of: "?").map { String(afterScheme[$0...]) } ?? ""
        return String(url[..<authorityEnd]) + "/" + database + query
    }
}

/// Thrown when the tests run without a server.
struct MissingServer: Error, CustomStringConvertible {
    var description: String {
        "TEST_DATABASE_URL is not set: run the tests with `make test` (or `.ci/with-postgres swift test`), "
            + "which starts a throw-away PostgreSQL server"
    }
}
