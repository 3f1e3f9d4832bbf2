import HTTP
import HTTPServer
import Payouts
import Postgres
import Store
import Synchronization

/// The gateway wired together: database pool, routes, problems, logging, the HTTP server.
public final class Application: Sendable {
    public let configuration: Configuration
    public let logger: Logger
    public let metrics = Metrics()
    public let pool: PostgresPool
    let migrator = Schema.migrator
    private let server: HTTPServer
    private let services: Services
    private let background = BackgroundTasks()
    private let dispatcher: Dispatcher?

    public init(configuration: Configuration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        self.pool = PostgresPool(configuration: try PostgresConfiguration(url: configuration.databaseURL),
                                 limits: configuration.poolLimits(size: configuration.databasePoolSize))
        let box = ServerBox()
        let services = Services(pool: pool, logger: logger, metrics: metrics, configuration: configuration)
        self.services = services
        let settings = DispatchSettings(configuration: configuration)
        let dispatcher = settings.workers == 0 ? nil : Dispatcher(
            driver: PayoutDriver(store: services.dispatch, providers: services.providers, routing: services.routing,
                                 settings: settings, counters: services.dispatchCounters, logger: logger,
                                 validator: services.accountValidator),
            store: services.dispatch, settings: settings, database: try PostgresConfiguration(url: configuration.databaseURL))
        self.dispatcher = dispatcher
        let responder = Self.makeResponder(services: services, migrator: migrator,
                                           openConnections: { box.server?.openConnections ?? 0 },
                                           dispatcherRunning: Self.runningCheck(dispatcher))
        server = try HTTPServer(host: configuration.host, port: configuration.port,
                                eventLoopCount: configuration.eventLoopCount, limits: configuration.limits,
                                responder: responder)
        box.server = server
    }

    /// The router and error handling every request goes through; tests call it in process.
    static func makeResponder(services: Services, migrator: Migrator,
                              openConnections: @escaping @Sendable () -> Int,
                              dispatcherRunning: (@Sendable () -> Bool)? = nil) -> Responder {
        var router = Router()
        HealthRoutes(pool: services.pool, migrator: migrator, metrics: services.metrics, openConnections: openConnections,
                     dispatcherRunning: dispatcherRunning,
                     families: { services.dispatchCounters.families + services.routing.gauges(at: Timestamp.now()) })
            .register(in: &router)
        PayoutRoutes(authenticator: services.authenticator, store: services.payouts, ledger: services.ledger,
                     directory: services.directory, routing: services.routing, validator: services.accountValidator)
            .register(in: &router)
        BatchRoutes(authenticator: services.authenticator, store: BatchStore(pool: services.pool),
                    directory: services.directory, routing: services.routing, validator: services.accountValidator)
            .register(in: &router)
        RoutingRoutes(authenticator: services.authenticator, directory: services.directory, routing: services.routing)
            .register(in: &router)
        LedgerRoutes(authenticator: services.authenticator, pool: services.pool, ledger: services.ledger,
                     providerBalances: services.providerBalances).register(in: &router)
        AccountValidationRoutes(authenticator: services.authenticator, directory: services.directory,
                                validator: services.accountValidator).register(in: &router)
        ResolutionRoutes(authenticator: services.authenticator, store: services.dispatch, counters: services.dispatchCounters,
                         logger: services.logger).register(in: &router)
        CallbackRoutes(providers: services.providers, store: services.dispatch, counters: services.dispatchCounters,
                       logger: services.logger).register(in: &router)
        WebhookRoutes(authenticator: services.authenticator, store: services.webhooks,
                      allowsPrivateURLs: services.webhookAllowsPrivateURLs).register(in: &router)
        let problems = ProblemResponder(logger: services.logger)
        return Responder(router: router, errorResponder: problems.respond(to:for:),
                         observer: RequestLog(logger: services.logger, metrics: services.metrics))
    }

    private static func runningCheck(_ dispatcher: Dispatcher?) -> (@Sendable () -> Bool)? {
        guard let dispatcher else { return nil }
        return { dispatcher.isRunning }
    }

    /// The port the server listens on (the bound one when configured with 0).
    public var port: Int { server.port }

    /// Applies pending migrations (safe with other instances starting at once).
    public func migrate() async throws {
        let applied = try await migrator.migrate(pool)
        if !applied.isEmpty {
            logger.info("migrations applied", [("versions", .string(applied.map(String.init).joined(separator: ",")))])
        }
    }

    /// Starts serving; returns immediately.
    public func start() {
        let maintenance = Maintenance(payouts: services.payouts, logger: logger)
        background.add(Task { await maintenance.run() })
        dispatcher?.start()
        if let interval = configuration.routingRefresh {
            let refresh = BankListRefresh(providers: services.providers, routing: services.routing,
                                          directory: services.directory, logger: logger, interval: interval)
            background.add(Task { await refresh.run() })
        }
        if configuration.dispatchWorkers > 0 {
            let deliverer = WebhookDeliverer(store: services.webhooks, database: pool.configuration,
                                             settings: .init(retryBase: configuration.webhookRetryBase, retryCap: configuration.webhookRetryCap,
                                                             batch: min(configuration.dispatchWorkers, 16),
                                                             allowsPrivateURLs: configuration.webhookAllowsPrivateURLs),
                                             logger: logger, metrics: metrics)
            background.add(Task { await deliverer.run() })
        }
        server.start()
        logger.info("listening", [("host", .string(configuration.host)), ("port", .integer(server.port)),
                                  ("event_loops", .integer(configuration.eventLoopCount))])
    }

    /// Graceful stop: no new connections, in-flight requests finish within the drain timeout.
    public func shutdown() async {
        logger.info("shutting down")
        server.shutdown()
        await server.waitUntilStopped()
        await dispatcher?.stop()
        await background.cancelAll()
        await services.providers.shutdown()
        services.providerCalls.stop()
        await pool.shutdown()
        logger.info("stopped")
    }
}

/// Tasks that live as long as the server; cancelled on shutdown.
private final class BackgroundTasks: Sendable {
    private let tasks = Mutex<[Task<Void, Never>]>([])

    func add(_ task: Task<Void, Never>) { tasks.withLock { $0.append(task) } }

    func cancelAll() async {
        let running = tasks.withLock { tasks -> [Task<Void, Never>] in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in running {
            task.cancel()
            await task.value
        }
    }
}

/// Lets the metrics closure reach the server built after it.
private final class ServerBox: @unchecked Sendable {
    // Written once during init before any request can read it.
    var server: HTTPServer?
}
