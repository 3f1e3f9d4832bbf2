import Ledger
import Payouts
import Postgres
import Store

/// The long-lived parts every route group draws on, built once per process.
struct Services: Sendable {
    let pool: PostgresPool
    let logger: Logger
    let metrics: Metrics
    let directory: BankDirectory
    let apiKeys: ApiKeyStore
    let authenticator: Authenticator
    let payouts: PayoutStore
    let ledger: LedgerStore
    let routing: RoutingService
    let providers: ProviderRegistry
    let dispatch: DispatchStore
    let dispatchCounters = DispatchCounters()
    let webhooks: WebhookStore

    init(pool: PostgresPool, logger: Logger, metrics: Metrics, configuration: Configuration) {
        self.pool = pool
        self.logger = logger
        self.metrics = metrics
        self.directory = .standard
        self.apiKeys = ApiKeyStore(pool: pool)
        self.authenticator = Authenticator(store: apiKeys, limiter: RateLimiter(perSecond: configuration.rateLimitPerSecond,
                                                                                burst: configuration.rateLimitBurst))
        self.payouts = PayoutStore(pool: pool, directory: directory)
        self.ledger = LedgerStore()
        self.routing = RoutingService(configuration: configuration.routing, enabled: configuration.providers.enabled)
        self.providers = ProviderRegistry(settings: configuration.providers, timeout: configuration.providerTimeout)
        self.dispatch = DispatchStore(pool: pool, directory: directory) { stored in
            String(decoding: PayoutJSON.bytes(stored, unmasked: false), as: UTF8.self)
        }
        self.webhooks = WebhookStore(pool: pool)
    }
}
