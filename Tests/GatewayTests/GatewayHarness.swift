import Foundation
@testable import Gateway
import HTTP
import HTTPServer
import Postgres
import Store
import TestSupport

/// A gateway on a fresh database: in process through its responder, or live on a free port.
struct GatewayHarness {
    let database: TestDatabase
    let app: Application

    static func start(migrate: Bool = true, environment: [String: String] = [:]) async throws -> GatewayHarness {
        let database = try await TestPostgres.makeDatabase()
        let configuration = try Configuration.load(from: [
            "DATABASE_URL": database.url, "HOST": "127.0.0.1", "PORT": "0", "EVENT_LOOPS": "1", "DATABASE_POOL_SIZE": "4",
        ].merging(environment) { $1 })
        let app = try Application(configuration: configuration, logger: Logger(sink: LogSink(descriptor: -1)))
        if migrate { try await app.migrate() }
        app.start()
        return GatewayHarness(database: database, app: app)
    }

    func stop() async throws {
        await app.shutdown()
        try await database.drop()
    }

    /// One request over a real socket; header names come back lowercased.
    func request(_ method: String, _ path: String, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: String) {
        let client = try TestClient(port: app.port)
        let response = try client.exchange(method, path, headers: headers.map { ($0.key, $0.value) })
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return (response.status, fields, response.text)
    }
}
