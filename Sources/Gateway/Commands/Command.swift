import Glibc
import Postgres
import Sockets
import Store
import Threads

/// The `payout-gateway` command line: `serve` (default), `migrate`, `help`.
public enum Command {
    static let usage = """
        usage: payout-gateway [serve | migrate | keys … | help]
          serve     apply migrations and serve the API (the default)
          migrate   apply pending migrations and exit
          keys      create, list or revoke API keys (payout-gateway keys help)
          bench-routing [N]  time the routing engine over N routes (make bench)
        Configuration comes from the environment; see README.md.
        """

    /// Runs the command and returns the process exit status.
    public static func run(_ arguments: [String], environment: [String: String]) async -> Int32 {
        let sink = LogSink()
        defer { sink.stop() }
        let command = arguments.first ?? "serve"
        if command == "help" || command == "--help" || command == "-h" {
            print(usage)
            return 0
        }
        if command == "bench-routing" { return RoutingBenchmark.run(Array(arguments.dropFirst())) }
        guard ["serve", "migrate", "keys"].contains(command) else {
            StandardError.write("unknown command '\(command)'\n\(usage)\n")
            return 64
        }
        let configuration: Configuration
        do { configuration = try Configuration.load(from: environment) } catch {
            StandardError.write("\(error.description)\n")
            return 78
        }
        let logger = Logger(sink: sink, minimum: configuration.logLevel)
        do {
            switch command {
            case "migrate": try await migrateOnly(configuration, logger: logger)
            case "keys": return try await keys(Array(arguments.dropFirst()), configuration)
            default: try await serve(configuration, logger: logger)
            }
            return 0
        } catch {
            logger.error("stopped on error", [("error", .string(String(describing: error)))])
            return 1
        }
    }

    static func keys(_ arguments: [String], _ configuration: Configuration) async throws -> Int32 {
        let pool = PostgresPool(configuration: try PostgresConfiguration(url: configuration.databaseURL),
                                limits: configuration.poolLimits(size: 1))
        let status: Int32
        do {
            _ = try await Schema.migrator.migrate(pool)
            status = try await KeysCommand.run(arguments, store: ApiKeyStore(pool: pool))
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        return status
    }

    static func migrateOnly(_ configuration: Configuration, logger: Logger) async throws {
        let pool = PostgresPool(configuration: try PostgresConfiguration(url: configuration.databaseURL),
                                limits: configuration.poolLimits(size: 1))
        let applied: [Int]
        do { applied = try await Schema.migrator.migrate(pool) } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        logger.info("migrated", [("applied", .string(applied.map(String.init).joined(separator: ",")))])
    }

    static func serve(_ configuration: Configuration, logger: Logger) async throws {
        // Installed before anything starts, so an early SIGTERM still drains instead of killing.
        let signals = SignalWaiter([SIGTERM, SIGINT])
        raiseDescriptorLimit(configuration, logger: logger)
        let app = try Application(configuration: configuration, logger: logger)
        try await app.migrate()
        app.start()
        let signal = await withCheckedContinuation { continuation in
            DetachedThread.start(name: "signal-waiter") { continuation.resume(returning: signals.wait()) }
        }
        logger.info("signal received", [("signal", .integer(Int(signal)))])
        await app.shutdown()
    }

    /// Each connection holds a descriptor, and the usual soft limit of 1024 would stop the
    /// server far short of HTTP_CONNECTIONS_MAX (accepting would fail with EMFILE).
    static func raiseDescriptorLimit(_ configuration: Configuration, logger: Logger) {
        let connectionsMax = configuration.limits.connectionsMax
        do {
            let limit = try DescriptorLimit.raiseToHardLimit()
            if limit <= connectionsMax {
                logger.warning("descriptor limit leaves no room for HTTP_CONNECTIONS_MAX",
                               [("limit", .integer(limit)), ("connections_max", .integer(connectionsMax))])
            }
        } catch {
            logger.warning("descriptor limit not raised", [("error", .string(String(describing: error)))])
        }
    }
}
