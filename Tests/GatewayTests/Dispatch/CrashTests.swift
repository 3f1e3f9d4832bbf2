import Crypto
import Foundation
@testable import Gateway
import Postgres
import Store
import Testing
import TestSupport

/// Real `payout-gateway` processes against one database and the in-process sandbox: killed with
/// SIGKILL mid-flight, and two of them sharing the work. What must hold afterwards: no payout
/// paid twice, none lost, every ledger journal balanced.
@Suite(.serialized) struct CrashTests {
    /// Four providers' success accounts, used in turn.
    static let routes: [(provider: String, account: String)] = [
        ("duitku", "8760673566"), ("durianpay", "1234567890"), ("doku", "1234567890"), ("singapay", "1000123456"),
    ]

    @Test func killedAtRandomMomentsNeverPaysTwiceNorLosesAPayout() async throws {
        let database = try await TestPostgres.makeDatabase()
        let sandbox = try Sandbox.start(latency: .milliseconds(20))
        let key = try await GatewayProcess.prepare(database)
        var generator = SystemRandomNumberGenerator()
        var sent = 0
        for round in 0..<20 {
            let gateway = try GatewayProcess.launch(database: database, sandbox: sandbox)
            try await gateway.waitUntilReady()
            for index in 0..<10 {
                let route = Self.routes[(round + index) % Self.routes.count]
                // Whatever happens to the answer, the payout is identified by its unique amount.
                _ = try? gateway.createPayout(key: key, amount: 100_000 + Int64(sent), provider: route.provider,
                                              account: route.account)
                sent += 1
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...150, using: &generator)))
            gateway.kill()
        }
        let survivor = try GatewayProcess.launch(database: database, sandbox: sandbox)
        try await survivor.waitUntilReady()
        let pool = PostgresPool(configuration: try database.configuration(), limits: PoolLimits(size: 1))
        try await Self.waitUntilSettled(pool, timeout: .seconds(90))
        survivor.stop()

        let payouts = try await Self.payouts(pool)
        let tally = Dictionary(grouping: payouts, by: \.status).mapValues(\.count)
        print("crash test: \(payouts.count) payouts after 20 kills: \(tally.sorted { $0.key < $1.key })")
        #expect(payouts.count >= 150, "most creates should have been answered before a kill")
        try await Self.expectPaidAtMostOnce(payouts, sandbox: sandbox)
        try await Self.expectLedgerBalanced(pool)
        await pool.shutdown()
        await sandbox.stop()
        try await database.drop()
    }

    @Test func twoGatewaysShareOneDatabaseWithoutDoubleDispatch() async throws {
        let database = try await TestPostgres.makeDatabase()
        let sandbox = try Sandbox.start()
        let key = try await GatewayProcess.prepare(database)
        let first = try GatewayProcess.launch(database: database, sandbox: sandbox)
        // The second listens elsewhere; provider callbacks reach the first, as behind one balancer.
        let second = try GatewayProcess.launch(database: database, sandbox: sandbox, port: try Sandbox.freePort())
        try await first.waitUntilReady()
        try await second.waitUntilReady()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (offset, gateway) in [first, second].enumerated() {
                group.addTask {
                    for index in stride(from: offset, to: 1000, by: 2) {
                        let route = Self.routes[index % Self.routes.count]
                        let answer = try gateway.createPayout(key: key, amount: 200_000 + Int64(index),
                                                              provider: route.provider, account: route.account)
                        guard answer.status == 202 else { throw HarnessError("create answered \(answer.status): \(answer.text)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        let pool = PostgresPool(configuration: try database.configuration(), limits: PoolLimits(size: 1))
        try await Self.waitUntilSettled(pool, timeout: .seconds(120))
        let settledBy = [first, second].map { $0.settledCount() }
        first.stop()
        second.stop()

        let payouts = try await Self.payouts(pool)
        #expect(payouts.count == 1000)
        #expect(payouts.allSatisfy { $0.status == "succeeded" })
        let attempts = try await pool.withConnection { try $0.query("SELECT count(*) FROM payout_attempts")[0].decode(0, as: Int64.self) }
        #expect(attempts == 1000, "one attempt per payout: nothing dispatched twice")
        try await Self.expectPaidAtMostOnce(payouts, sandbox: sandbox)
        try await Self.expectLedgerBalanced(pool)
        #expect(settledBy.allSatisfy { $0 > 0 }, "both processes took part: \(settledBy)")
        await pool.shutdown()
        await sandbox.stop()
        try await database.drop()
    }

    // MARK: Checks

    struct StoredPayout { var id: String; var amount: Int64; var status: String }

    static func payouts(_ pool: PostgresPool) async throws -> [StoredPayout] {
        try await pool.withConnection { connection in
            try connection.query("SELECT id, amount, status FROM payouts").map {
                StoredPayout(id: try $0.decode(0), amount: try $0.decode(1), status: try $0.decode(2))
            }
        }
    }

    static func waitUntilSettled(_ pool: PostgresPool, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let open = try await pool.withConnection { connection in
                try connection.query("""
                    SELECT count(*) FROM payouts WHERE status NOT IN ('succeeded', 'failed', 'cancelled', 'needs_review')
                    """)[0].decode(0, as: Int64.self)
            }
            if open == 0 { return }
            if ContinuousClock.now > deadline { throw HarnessError("\(open) payouts still open") }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Each payout's unique amount left the sandbox at most once: exactly once when it
    /// succeeded, never when it failed.
    static func expectPaidAtMostOnce(_ payouts: [StoredPayout], sandbox: Sandbox) async throws {
        var executions: [Int64: Int] = [:]
        for amount in sandbox.executedAmounts { executions[amount, default: 0] += 1 }
        for payout in payouts {
            let count = executions[payout.amount, default: 0]
            #expect(count <= 1, "\(payout.id) paid \(count) times")
            if payout.status == "succeeded" { #expect(count == 1, "\(payout.id) succeeded but was never paid") }
            if payout.status == "failed" { #expect(count == 0, "\(payout.id) failed but was paid") }
        }
        let known = Set(payouts.map(\.amount))
        #expect(executions.keys.allSatisfy(known.contains), "the sandbox paid something the gateway has no payout for")
    }

    /// Every journal sums to zero, and a final payout holds nothing pending.
    static func expectLedgerBalanced(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            let unbalanced = try connection.query("""
                SELECT journal_id FROM ledger_postings GROUP BY journal_id
                HAVING sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) <> 0
                """)
            #expect(unbalanced.isEmpty)
            let pending = try connection.query("""
                SELECT count(*) FROM ledger_postings p JOIN payouts o ON o.id = p.payout_id
                WHERE o.status IN ('succeeded', 'failed', 'cancelled') AND p.status = 'pending'
                """)[0].decode(0, as: Int64.self)
            #expect(pending == 0)
            let unposted = try connection.query("""
                SELECT count(*) FROM payouts o WHERE o.status = 'succeeded' AND NOT EXISTS (
                    SELECT 1 FROM ledger_postings p WHERE p.journal_id = o.id || ':hold' AND p.status = 'posted')
                """)[0].decode(0, as: Int64.self)
            #expect(unposted == 0)
        }
    }
}

/// One `payout-gateway serve` process, its output in a file.
struct GatewayProcess: Sendable {
    let process: Process
    let port: Int
    let log: URL

    /// Migrates the database and makes a key with every scope.
    static func prepare(_ database: TestDatabase) async throws -> String {
        let migrate = try ProcessTests.launch(["migrate"], database: database).0
        migrate.waitUntilExit()
        guard migrate.terminationStatus == 0 else { throw HarnessError("migrate exited \(migrate.terminationStatus)") }
        let pool = PostgresPool(configuration: try database.configuration(), limits: PoolLimits(size: 1))
        let key = KeysCommand.newKey()
        _ = try await ApiKeyStore(pool: pool).create(name: "crash", keyHash: Digest.sha256(key),
                                                     scopes: ["payouts:write", "payouts:read", "admin"])
        await pool.shutdown()
        return key
    }

    static func launch(database: TestDatabase, sandbox: Sandbox, port: Int? = nil) throws -> GatewayProcess {
        let port = port ?? sandbox.gatewayPort
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = ProcessTests.binary
        process.arguments = ["serve"]
        process.environment = sandbox.environment.merging([
            "DATABASE_URL": database.url, "HOST": "127.0.0.1", "PORT": String(port), "EVENT_LOOPS": "1",
            "DISPATCH_WORKERS": "16", "RECONCILE_BACKOFF_MS": "100", "PROVIDER_TIMEOUT_SECONDS": "2",
            "RECONCILE_DEADLINE_SECONDS": "10", "RATE_LIMIT_PER_SECOND": "100000", "RATE_LIMIT_BURST": "100000",
            "LOG_LEVEL": "warning",
        ]) { $1 }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return GatewayProcess(process: process, port: port, log: log)
    }

    func waitUntilReady() async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if let client = try? TestClient(port: port), (try? client.exchange("GET", "/readyz"))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("gateway on \(port) not ready: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    /// POST /v1/payouts.
    func createPayout(key: String, amount: Int64, provider: String, account: String) throws -> TestClient.Response {
        let body = payoutBody(amount: String(amount), accountNumber: account, extra: #","provider":"\#(provider)""#)
        let client = try TestClient(port: port)
        return try client.exchange("POST", "/v1/payouts", headers: [
            ("Authorization", "Bearer \(key)"), ("Idempotency-Key", UUID().uuidString), ("Content-Type", "application/json"),
        ], body: body)
    }

    /// Payouts this process settled, from its /metrics.
    func settledCount() -> Int {
        guard let client = try? TestClient(port: port), let text = try? client.exchange("GET", "/metrics").text else { return 0 }
        return text.split(separator: "\n").filter { $0.hasPrefix("payouts_settled_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }
}
