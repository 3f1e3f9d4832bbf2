import FoundationEssentials
import HTTP
import HTTPServer
import Postgres
import Routing

/// Everything the gateway reads from its environment, validated once at start.
public struct Configuration: Sendable {
    public var host: String
    public var port: Int
    public var databaseURL: String
    public var eventLoopCount: Int
    public var databasePoolSize: Int
    /// The server cancels a statement running longer (`DATABASE_STATEMENT_TIMEOUT_SECONDS`, 30);
    /// nil (0) keeps the server's own setting.
    public var databaseStatementTimeout: Duration?
    public var limits: ServerLimits
    public var logLevel: LogLevel
    /// Requests per second each API key may make, and the burst above that rate.
    public var rateLimitPerSecond: Int
    public var rateLimitBurst: Int
    /// Provider credentials; a provider is enabled when its variables are set.
    public var providers: ProviderSettings
    /// Capabilities and calendar: the defaults, overridden by `ROUTING_FILE` when set.
    public var routing: RoutingConfiguration
    /// How providers reach our callbacks (`PUBLIC_BASE_URL`).
    public var publicBaseURL: String?
    /// Deadline of one provider call (`PROVIDER_TIMEOUT_SECONDS`, 30).
    public var providerTimeout: Duration
    /// After this long unresolved, a payout becomes `needs_review` (`RECONCILE_DEADLINE_SECONDS`, 3600).
    public var reconcileDeadline: Duration
    /// Dispatch workers in this process (`DISPATCH_WORKERS`, 32); 0 runs no dispatcher, reconciler
    /// or webhook delivery here (an API-only instance).
    public var dispatchWorkers: Int
    /// First wait before asking a provider about a payout it took (`RECONCILE_BACKOFF_MS`, 2000);
    /// doubles per check up to five minutes.
    public var reconcileBackoff: Duration
    /// How often routing re-reads the providers' published bank lists (`ROUTING_REFRESH_MINUTES`);
    /// nil (0, the default) keeps the shipped capabilities and `ROUTING_FILE`.
    public var routingRefresh: Duration?
    /// First retry delay of a client webhook (`WEBHOOK_RETRY_BASE_MS`, 10000), doubling per failure
    /// up to `WEBHOOK_RETRY_CAP_MS` (3600000).
    public var webhookRetryBase: Duration
    public var webhookRetryCap: Duration
    /// Whether webhook URLs may point at loopback, private or reserved addresses
    /// (`WEBHOOK_ALLOW_PRIVATE_URLS`, false): true only where receivers run beside the gateway.
    public var webhookAllowsPrivateURLs: Bool

    /// The pool's limits: `size` connections, each with the statement timeout.
    public func poolLimits(size: Int) -> PoolLimits {
        PoolLimits(size: size, statementTimeout: databaseStatementTimeout)
    }

    /// Reads `environment`; every bad value is reported at once, each with what was expected.
    public static func load(from environment: [String: String]) throws(ConfigurationError) -> Configuration {
        var reader = EnvironmentReader(environment)
        let host = reader.string("HOST", default: "0.0.0.0")
        let port = reader.integer("PORT", default: 8080, in: 0...65535)
        let databaseURL = reader.required("DATABASE_URL",
            hint: "a PostgreSQL URL such as postgresql://user@localhost:5432/payouts (make run sets one up)")
        if let databaseURL, !databaseURL.isEmpty {
            do { _ = try PostgresConfiguration(url: databaseURL) } catch {
                reader.problems.append("DATABASE_URL: \(error.message)")
            }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // Half the cores: a loop only reads, parses and writes, while handlers, libpq workers and
        // usually PostgreSQL need the rest. On 2 cores a second loop mostly competed with them
        // (/healthz at 8 connections: 43k req/s with two loops, 75k with one).
        let loops = reader.integer("EVENT_LOOPS", default: max(1, cores / 2), in: 1...256)
        let poolSize = reader.integer("DATABASE_POOL_SIZE", default: 16, in: 1...500)
        let statementTimeout = reader.integer("DATABASE_STATEMENT_TIMEOUT_SECONDS", default: 30, in: 0...86_400)
        var limits = ServerLimits()
        // 4 MiB: a batch of 5,000 payouts at up to about 800 bytes each.
        limits.http.bodyBytesMax = reader.integer("HTTP_BODY_BYTES_MAX", default: 4 << 20, in: 1024...(64 << 20))
        limits.connectionsMax = reader.integer("HTTP_CONNECTIONS_MAX", default: limits.connectionsMax, in: 1...1_000_000)
        limits.handlerDeadline = .seconds(reader.integer("HTTP_HANDLER_DEADLINE_SECONDS", default: 30, in: 1...3600))
        // One a core: handlers wait for the database and providers without holding a thread, so
        // more threads than cores only add hand-offs (creates at 32 connections on 2 cores: 8%
        // less gateway CPU a payout with 2 threads than with 4).
        limits.handlerThreads = reader.integer("HTTP_HANDLER_THREADS", default: max(2, cores), in: 1...256)
        limits.idleTimeout = .seconds(reader.integer("HTTP_IDLE_TIMEOUT_SECONDS", default: 60, in: 1...3600))
        limits.headerReadTimeout = .seconds(reader.integer("HTTP_HEADER_READ_TIMEOUT_SECONDS", default: 10, in: 1...600))
        limits.drainTimeout = .seconds(reader.integer("SHUTDOWN_DRAIN_SECONDS", default: 10, in: 0...600))
        let level = reader.choice("LOG_LEVEL", default: LogLevel.info)
        let ratePerSecond = reader.integer("RATE_LIMIT_PER_SECOND", default: 100, in: 1...1_000_000)
        let rateBurst = reader.integer("RATE_LIMIT_BURST", default: 200, in: 1...1_000_000)
        let providers = ProviderSettings.read(&reader)
        let routing = reader.routingFile()
        let publicBaseURL = environment["PUBLIC_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let publicBaseURL, !EnvironmentReader.isOrigin(publicBaseURL) {
            reader.problems.append("PUBLIC_BASE_URL=\(EnvironmentReader.shown(publicBaseURL)) must be a scheme, host and port only")
        }
        let providerTimeout = reader.integer("PROVIDER_TIMEOUT_SECONDS", default: 30, in: 1...600)
        let reconcileDeadline = reader.integer("RECONCILE_DEADLINE_SECONDS", default: 3600, in: 10...(30 * 86400))
        let dispatchWorkers = reader.integer("DISPATCH_WORKERS", default: 32, in: 0...1024)
        let reconcileBackoff = reader.integer("RECONCILE_BACKOFF_MS", default: 2000, in: 10...600_000)
        let routingRefresh = reader.integer("ROUTING_REFRESH_MINUTES", default: 0, in: 0...10_080)
        let webhookRetryBase = reader.integer("WEBHOOK_RETRY_BASE_MS", default: 10_000, in: 10...3_600_000)
        let webhookRetryCap = reader.integer("WEBHOOK_RETRY_CAP_MS", default: 3_600_000, in: 10...86_400_000)
        let webhookAllowsPrivateURLs = reader.flag("WEBHOOK_ALLOW_PRIVATE_URLS")
        guard reader.problems.isEmpty else { throw ConfigurationError(problems: reader.problems) }
        return Configuration(host: host, port: port, databaseURL: databaseURL ?? "", eventLoopCount: loops,
                             databasePoolSize: poolSize,
                             databaseStatementTimeout: statementTimeout == 0 ? nil : .seconds(statementTimeout),
                             limits: limits, logLevel: level,
                             rateLimitPerSecond: ratePerSecond, rateLimitBurst: rateBurst, providers: providers,
                             routing: routing, publicBaseURL: publicBaseURL, providerTimeout: .seconds(providerTimeout),
                             reconcileDeadline: .seconds(reconcileDeadline), dispatchWorkers: dispatchWorkers,
                             reconcileBackoff: .milliseconds(reconcileBackoff),
                             routingRefresh: routingRefresh == 0 ? nil : .seconds(routingRefresh * 60),
                             webhookRetryBase: .milliseconds(webhookRetryBase), webhookRetryCap: .milliseconds(webhookRetryCap),
                             webhookAllowsPrivateURLs: webhookAllowsPrivateURLs)
    }
}

/// One line per bad variable; never echoes a value that could be a secret.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension EnvironmentReader {
    /// `ROUTING_FILE`, validated now so a bad file stops the start with every problem listed.
    mutating func routingFile() -> RoutingConfiguration {
        let defaults = RoutingConfiguration.defaults
        guard let path = environment["ROUTING_FILE"], !path.isEmpty else { return defaults }
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append("ROUTING_FILE=\(path) cannot be read")
            return defaults
        }
        do {
            return try RoutingConfiguration.load(json: Array(data))
        } catch {
            problems.append(contentsOf: error.problems.map { "ROUTING_FILE \($0.path): \($0.message)" })
            return defaults
        }
    }
}

/// Collects problems instead of stopping at the first.
struct EnvironmentReader {
    let environment: [String: String]
    var problems: [String] = []

    init(_ environment: [String: String]) { self.environment = environment }

    func string(_ name: String, default fallback: String) -> String {
        guard let value = environment[name], !value.isEmpty else { return fallback }
        return value
    }

    mutating func required(_ name: String, hint: String) -> String? {
        guard let value = environment[name], !value.isEmpty else {
            problems.append("\(name) is not set: expected \(hint)")
            return nil
        }
        return value
    }

    mutating func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let raw = environment[name], !raw.isEmpty else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            problems.append("\(name)=\(raw) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            return fallback
        }
        return value
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, default fallback: T) -> T where T.RawValue == String {
        guard let raw = environment[name], !raw.isEmpty else { return fallback }
        guard let value = T(rawValue: raw.lowercased()) else {
            problems.append("\(name)=\(raw) is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return fallback
        }
        return value
    }
}
