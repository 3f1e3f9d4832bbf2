import Postgres
import Testing

@Suite struct ConfigurationTests {
    @Test func parsesEveryPartOfAFullURL() throws {
        let configuration = try PostgresConfiguration(
            url: "postgresql://alice:s3cr%40t@db.example.com:6543/payouts?sslmode=require&application_name=gw&connect_timeout=3")
        #expect(configuration.parameters == [
            "user": "alice", "password": "s3cr@t", "host": "db.example.com", "port": "6543",
            "dbname": "payouts", "sslmode": "require", "application_name": "gw", "connect_timeout": "3",
        ])
    }

    @Test func acceptsThePostgresSchemeAndLeavesOutWhatIsMissing() throws {
        let configuration = try PostgresConfiguration(url: "postgres://db.internal/ledger")
        #expect(configuration.parameters == ["host": "db.internal", "dbname": "ledger"])
        #expect(try PostgresConfiguration(url: "postgresql://").parameters.isEmpty)
    }

    @Test func readsASocketDirectoryFromTheQueryOrAnEncodedHost() throws {
        let query = try PostgresConfiguration(url: "postgresql://postgres@/postgres?host=/tmp/pg.abc")
        #expect(query.parameters == ["user": "postgres", "dbname": "postgres", "host": "/tmp/pg.abc"])
        let encoded = try PostgresConfiguration(url: "postgresql://app@%2Fvar%2Frun%2Fpostgresql:5433/db")
        #expect(encoded.parameters["host"] == "/var/run/postgresql")
        #expect(encoded.parameters["port"] == "5433")
    }

    @Test func readsBracketedIPv6HostsAndHostLists() throws {
        let ipv6 = try PostgresConfiguration(url: "postgresql://u@[::1]:5433/db")
        #expect(ipv6.parameters["host"] == "::1")
        #expect(ipv6.parameters["port"] == "5433")
        let list = try PostgresConfiguration(url: "postgresql://u@a:5432,b:5433/db")
        #expect(list.parameters["host"] == "a,b")
        #expect(list.parameters["port"] == "5432,5433")
    }

    @Test(arguments: [
        "mysql://u:hunter2@h/db",
        "postgresql://u:hunter2@h:99999/db",
        "postgresql://u:hunter2@h:port/db",
        "postgresql://u:hun/ter2@h/db",
        "postgresql://u:hunter2%zz@h/db",
        "postgresql://u:hunter2@h/db?sslmode=sometimes",
        "postgresql://u:hunter2@h/db?hunter2=1",
        "postgresql://u:hunter2@h/db?connect_timeout=soon",
        "postgresql://u:hunter2@h/db?sslmode",
        "postgresql://u:hunter2@[::1/db",
    ])
    func rejectsMalformedURLsWithoutEchoingThePassword(url: String) throws {
        let error = try #require(throws: PostgresError.self) { try PostgresConfiguration(url: url) }
        #expect(error.kind == .invalidConfiguration)
        #expect(!error.description.contains("hunter"))
        #expect(!error.debugDescription.contains("hunter"))
        #expect(!error.description.contains("ter2"))
    }

    @Test func namesTheWrongPart() throws {
        let port = try #require(throws: PostgresError.self) {
            try PostgresConfiguration(url: "postgresql://u:pw@h:70000/db")
        }
        #expect(port.message.contains("port"))
        let mode = try #require(throws: PostgresError.self) {
            try PostgresConfiguration(url: "postgresql://h/db?sslmode=maybe")
        }
        #expect(mode.message.contains("sslmode"))
    }

    @Test func hidesThePasswordInItsDescription() throws {
        let configuration = try PostgresConfiguration(url: "postgresql://u:hunter2@h/db")
        #expect(!configuration.description.contains("hunter2"))
        #expect(configuration.connectionString.contains("password='hunter2'"))
    }

    @Test func rejectsUnknownKeywords() {
        #expect(throws: PostgresError.self) { try PostgresConfiguration(parameters: ["hots": "x"]) }
    }
}
