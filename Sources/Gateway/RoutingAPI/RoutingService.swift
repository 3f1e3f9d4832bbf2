import Payouts
import Routing
import Synchronization

/// The routing engine with this process's capabilities, calendar and provider circuit breakers.
final class RoutingService: Sendable {
    /// Replaced as a whole when a provider's bank list refreshes a capability.
    private let current: Mutex<RoutingConfiguration>
    private let breakers: Mutex<[ProviderName: CircuitBreaker]>

    var configuration: RoutingConfiguration { current.withLock { $0 } }

    /// `enabled` are the providers with credentials; the others are switched off here so no
    /// route ever names a provider the gateway cannot call.
    init(configuration: RoutingConfiguration, enabled: Set<ProviderName>) {
        var configuration = configuration
        for provider in ProviderName.allCases where !enabled.contains(provider) {
            configuration.capabilities.providers[provider]?.isEnabled = false
        }
        self.current = Mutex(configuration)
        self.breakers = Mutex(Dictionary(uniqueKeysWithValues: ProviderName.allCases.map { ($0, CircuitBreaker()) }))
    }

    func decide(_ request: PayoutRequest, executeImmediately: Bool, now: Timestamp) -> RouteDecision {
        let health = breakers.withLock { ProviderHealth(breakers: $0, at: now) }
        let configuration = self.configuration
        return RoutingEngine.route(RouteRequest(request, executeImmediately: executeImmediately),
                                   capabilities: configuration.capabilities, calendar: configuration.calendar,
                                   health: health, now: now)
    }

    /// Takes `provider`'s destinations and caps from its own bank list; answers the listed codes
    /// the directory does not know, and nil when the provider has no capability here.
    func refresh(_ provider: ProviderName, from listing: [ListedDestination], directory: BankDirectory) -> [String]? {
        current.withLock { configuration in
            guard let capability = configuration.capabilities.providers[provider] else { return nil }
            let (refreshed, unknown) = capability.refreshed(from: listing, directory: directory)
            configuration.capabilities.providers[provider] = refreshed
            return unknown
        }
    }

    /// What the dispatcher saw from a provider call; feeds that provider's circuit breaker.
    func record(_ outcome: CircuitBreaker.CallOutcome, for provider: ProviderName, at now: Timestamp) {
        breakers.withLock { $0[provider]?.record(outcome, at: now) }
    }

    /// Circuit state per provider (0 closed, 1 open, 2 half-open) and how often each opened.
    func gauges(at now: Timestamp) -> [MetricFamily] {
        let snapshot = breakers.withLock { $0 }
        let providers = ProviderName.allCases
        return [
            MetricFamily(name: "provider_circuit_state", help: "Circuit breaker per provider: 0 closed, 1 open, 2 half-open.",
                         type: "gauge", samples: providers.map { (["provider": $0.rawValue], snapshot[$0]?.state(at: now).gaugeValue ?? 0) }),
            MetricFamily(name: "provider_circuit_opened_total", help: "Times each provider's circuit opened.",
                         type: "counter", samples: providers.map { (["provider": $0.rawValue], snapshot[$0]?.timesOpened ?? 0) }),
        ]
    }
}
