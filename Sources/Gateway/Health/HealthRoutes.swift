import HTTP
import HTTPServer
import JSON
import Postgres

/// Liveness, readiness and metrics for load balancers and Prometheus. No API key.
struct HealthRoutes: Sendable {
    let pool: PostgresPool
    let migrator: Migrator
    let metrics: Metrics
    let openConnections: @Sendable () -> Int
    /// Nil when this process runs no dispatcher (DISPATCH_WORKERS=0).
    let dispatcherRunning: (@Sendable () -> Bool)?
    let families: @Sendable () -> [MetricFamily]

    private static let liveBody = HTTPResponse(
        status: .ok, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array(#"{"status":"ok"}"#.utf8))

    func register(in router: inout Router) {
        // Liveness touches nothing: a slow database must not get the process restarted.
        router.get("/healthz", .inline { _ in Self.liveBody })
        router.get("/readyz", .async { _ in await readiness() })
        router.get("/metrics", .inline { _ in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "text/plain; version=0.0.4; charset=utf-8")]),
                         body: Array(render().utf8))
        })
    }

    func readiness() async -> HTTPResponse {
        var checks: [(String, String)] = []
        do {
            _ = try await pool.withConnection { try $0.query("SELECT 1") }
            checks.append(("database", "ok"))
            let pending = try await migrator.pendingVersions(pool)
            checks.append(("migrations", pending.isEmpty ? "ok" : "pending: \(pending.map(String.init).joined(separator: ","))"))
        } catch let error as PostgresError {
            // Unauthenticated: the kind and SQLSTATE only, not libpq's text (host, port, user).
            checks.append(("database", "unavailable: \(error.kind)" + (error.sqlState.map { " (SQLSTATE \($0))" } ?? "")))
        } catch {
            checks.append(("database", "unavailable"))
        }
        if let dispatcherRunning { checks.append(("dispatcher", dispatcherRunning() ? "ok" : "stalled")) }
        let ready = checks.allSatisfy { $0.1 == "ok" }
        var body: [UInt8] = Array(#"{"status":"#.utf8)
        JSONString.append(ready ? "ready" : "unavailable", to: &body)
        body.append(contentsOf: #","checks":{"#.utf8)
        for (index, (name, state)) in checks.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            JSONString.append(name, to: &body)
            body.append(UInt8(ascii: ":"))
            JSONString.append(state, to: &body)
        }
        body.append(contentsOf: "}}".utf8)
        return HTTPResponse(status: ready ? .ok : .serviceUnavailable,
                            headers: HTTPHeaders([("Content-Type", "application/json")]), body: body)
    }

    func render() -> String {
        let pool = pool.statistics
        return metrics.render(gauges: [
            ("http_open_connections", "Client connections open now.", openConnections()),
            ("db_pool_max", "Database connections the pool may open.", self.pool.limits.size),
            ("db_pool_open", "Database connections open now.", pool.size),
            ("db_pool_in_use", "Database connections running a job.", pool.inUse),
            ("db_pool_idle", "Open database connections waiting for work.", pool.idle),
            ("db_pool_waiting", "Callers waiting for a database connection.", pool.waiting),
        ], families: families())
    }
}
