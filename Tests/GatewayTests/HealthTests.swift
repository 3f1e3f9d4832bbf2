import Foundation
@testable import Gateway
import Postgres
import Store
import Testing
import TestSupport

@Suite struct HealthTests {
    @Test func livenessAndReadinessAnswerWhenTheDatabaseIsMigrated() async throws {
        let gateway = try await GatewayHarness.start()
        let live = try await gateway.request("GET", "/healthz")
        #expect(live.status == 200)
        #expect(live.body == #"{"status":"ok"}"#)
        #expect(live.headers["x-request-id"]?.isEmpty == false)
        let ready = try await gateway.request("GET", "/readyz")
        #expect(ready.status == 200)
        #expect(ready.body == #"{"status":"ready","checks":{"database":"ok","migrations":"ok"}}"#)
        try await gateway.stop()
    }

    @Test func readinessNamesPendingMigrations() async throws {
        let gateway = try await GatewayHarness.start(migrate: false)
        let ready = try await gateway.request("GET", "/readyz")
        #expect(ready.status == 503)
        let pending = Schema.migrations.map { String($0.version) }.joined(separator: ",")
        #expect(ready.body.contains(#""migrations":"pending: \#(pending)""#))
        try await gateway.app.migrate()
        #expect(try await gateway.request("GET", "/readyz").status == 200)
        try await gateway.stop()
    }

    @Test func livenessStaysUpWhileReadinessReportsALostDatabase() async throws {
        let gateway = try await GatewayHarness.start()
        try await gateway.database.drop()
        let ready = try await gateway.request("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.body.contains(#""database":"unavailable"#))
        // Readiness needs no key: libpq's own words (socket path, database, user) stay out.
        #expect(!ready.body.contains("FATAL") && !ready.body.contains("socket"), "\(ready.body)")
        #expect(try await gateway.request("GET", "/healthz").status == 200)
        await gateway.app.shutdown()
    }

    @Test func metricsCountRequestsAndShowThePool() async throws {
        let gateway = try await GatewayHarness.start()
        _ = try await gateway.request("GET", "/healthz")
        _ = try await gateway.request("GET", "/nowhere")
        let metrics = try await gateway.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(metrics.body.contains(#"http_requests_total{method="GET",route="/healthz",status="200"} 1"#))
        #expect(metrics.body.contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
        #expect(metrics.body.contains("db_pool_max 4"))
        #expect(metrics.body.contains("db_pool_open 1"))
        #expect(metrics.body.contains("http_open_connections "))
        try await gateway.stop()
    }

    @Test func unknownPathsGetProblemDocuments() async throws {
        let gateway = try await GatewayHarness.start()
        let missing = try await gateway.request("GET", "/v1/nothing", headers: ["X-Request-Id": "trace-1"])
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "application/problem+json")
        #expect(missing.headers["x-request-id"] == "trace-1")
        #expect(missing.body.contains(#""code":"not_found""#))
        #expect(missing.body.contains(#""request_id":"trace-1""#))
        let wrongMethod = try await gateway.request("DELETE", "/healthz")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["allow"] == "GET, HEAD")
        try await gateway.stop()
    }
}
