import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// The `payout-gateway` executable, run as a separate process the way operators run it.
@Suite struct ProcessTests {
    /// `payout-gateway` sits next to the test bundle in the build directory.
    static var binary: URL {
        let tests = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        return tests.deletingLastPathComponent().appendingPathComponent("payout-gateway")
    }

    /// `descriptorLimit`, when given, is what the shell's `ulimit` is told before it runs the binary in its place.
    static func launch(_ arguments: [String], database: TestDatabase, extra: [String: String] = [:],
                       descriptorLimit: [String] = []) throws -> (Process, Pipe) {
        let process = Process()
        if descriptorLimit.isEmpty {
            process.executableURL = binary
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit \(descriptorLimit.joined(separator: " ")) && exec \"$0\" \"$@\"", binary.path] + arguments
        }
        process.environment = ["DATABASE_URL": database.url, "HOST": "127.0.0.1", "PORT": "0", "EVENT_LOOPS": "1"]
            .merging(extra) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, output)
    }

    @Test func twoProcessesMigratingAtOnceApplyEachMigrationOnce() async throws {
        let database = try await TestPostgres.makeDatabase()
        let processes = try (0..<2).map { _ in try Self.launch(["migrate"], database: database) }
        for (process, _) in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.0.terminationStatus == 0 })
        let pool = PostgresPool(configuration: try database.configuration(), limits: PoolLimits(size: 1))
        let rows = try await pool.withConnection { try $0.query("SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version") }
        #expect(rows.map { try! $0.decode("version", as: Int.self) } == Schema.migrations.map(\.version))
        #expect(rows.allSatisfy { (try? $0.decode("n", as: Int.self)) == 1 })
        await pool.shutdown()
        try await database.drop()
    }

    @Test func servesThenStopsCleanlyOnSIGTERM() async throws {
        let database = try await TestPostgres.makeDatabase()
        let (process, output) = try Self.launch(["serve"], database: database)
        let port = try Self.waitForPort(output)
        let client = try TestClient(port: port)
        // A bounded wait rather than one probe: a start-up slowed by a loaded machine is not a
        // failure, and the answer seen last is reported if it never becomes ready.
        var answer = ""
        let ready = try await eventually(seconds: 30) {
            let response = try client.exchange("GET", "/readyz")
            answer = response.text
            return response.status == 200
        }
        #expect(ready, "\(answer)")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains(#""msg":"stopped""#))
        try await database.drop()
    }

    @Test func refusesBadConfigurationWithEveryProblemNamed() async throws {
        let database = try await TestPostgres.makeDatabase()
        let (process, output) = try Self.launch(["serve"], database: database, extra: ["PORT": "http", "LOG_LEVEL": "chatty"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 78)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("PORT=http"))
        #expect(text.contains("LOG_LEVEL=chatty"))
        try await database.drop()
    }

    @Test func keysCommandsCreateListAndRevoke() async throws {
        let database = try await TestPostgres.makeDatabase()
        func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let (process, pipe) = try Self.launch(arguments, database: database)
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        let created = try run(["keys", "create", "--name", "billing", "--scopes", "payouts:write,payouts:read"])
        #expect(created.status == 0)
        // The key alone on standard output, so a script can capture it.
        #expect(created.output.wholeMatch(of: /pgk_[A-Za-z0-9_-]{43}\n/) != nil)
        #expect(try run(["keys", "create", "--name", "billing", "--scopes", "payouts:read"]).status == 64)
        #expect(try run(["keys", "create", "--name", "other", "--scopes", "payouts:fly"]).status == 64)
        let listed = try run(["keys", "list"])
        #expect(listed.output.contains("billing\tpayouts:write,payouts:read\t"))
        #expect(!listed.output.contains(created.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try run(["keys", "revoke", "billing"]).status == 0)
        #expect(try run(["keys", "revoke", "billing"]).status == 64)
        #expect(try run(["keys", "list"]).output.contains("billing\tpayouts:write,payouts:read\t") )
        try await database.drop()
    }

    @Test func serveRaisesTheSoftDescriptorLimitToTheHardOne() async throws {
        let database = try await TestPostgres.makeDatabase()
        let (process, output) = try Self.launch(["serve"], database: database, descriptorLimit: ["-S", "-n", "256"])
        _ = try Self.waitForPort(output)
        // The shell ran the gateway in its own place, so the process id is the gateway's.
        let limits = try String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8)
        let line = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        let values = line.split(separator: " ").dropFirst(3).prefix(2)
        #expect(values.count == 2 && values.first == values.last, "\(line)")
        process.terminate()
        process.waitUntilExit()
        try await database.drop()
    }

    @Test func acceptingWaitsQuietlyWhileOutOfDescriptors() async throws {
        let database = try await TestPostgres.makeDatabase()
        let (process, output) = try Self.launch(["serve"], database: database,
                                                extra: ["DATABASE_POOL_SIZE": "2", "DISPATCH_WORKERS": "0"],
                                                descriptorLimit: ["-n", "64"])
        let port = try Self.waitForPort(output)
        let probe = try TestClient(port: port)
        #expect(try await eventually(seconds: 30) { try probe.exchange("GET", "/readyz").status == 200 })
        do {
            // More connections than the gateway has descriptors left: the rest wait in the listen queue.
            let held = try (0..<100).map { _ in try TestClient(port: port) }
            pause(milliseconds: 500)
            let before = try Self.cpuTime(of: process)
            pause(milliseconds: 2000)
            // An accept loop that retried at once would have used about the whole two seconds.
            let used = try Self.cpuTime(of: process) - before
            #expect(used < .milliseconds(500))
            withExtendedLifetime(held) {}
        }
        // With the descriptors back, waiting connections are accepted and served.
        let client = try TestClient(port: port)
        #expect(try await eventually(seconds: 30) { try client.exchange("GET", "/healthz").status == 200 })
        process.terminate()
        process.waitUntilExit()
        try await database.drop()
    }

    /// User and system CPU time the process has used, from /proc (proc(5), fields 14 and 15).
    static func cpuTime(of process: Process) throws -> Duration {
        let stat = try String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)
        // The command name in parentheses may hold spaces; the fields after it do not.
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        let user = try #require(Int(fields[11])), system = try #require(Int(fields[12]))
        return .milliseconds((user + system) * 1000 / sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Reads log lines until the `listening` one and returns its port.
    static func waitForPort(_ pipe: Pipe) throws -> Int {
        var seen = ""
        while true {
            let chunk = pipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown) }
            seen += String(decoding: chunk, as: UTF8.self)
            if let match = seen.firstMatch(of: /"msg":"listening".*"port":(\d+)/) { return Int(match.1)! }
        }
    }
}
