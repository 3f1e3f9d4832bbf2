import Payouts

/// Every provider's circuit state at one instant: the snapshot the engine routes by.
public struct ProviderHealth: Hashable, Sendable {
    /// Per provider; a provider missing here counts as closed (healthy).
    public var states: [ProviderName: CircuitState]

    /// A snapshot from explicit states.
    public init(states: [ProviderName: CircuitState] = [:]) {
        self.states = states
    }

    /// A snapshot of live breakers at `now`.
    public init(breakers: [ProviderName: CircuitBreaker], at now: Timestamp) {
        self.states = breakers.mapValues { $0.state(at: now) }
    }

    /// Every provider healthy.
    public static let allHealthy = ProviderHealth()

    /// The state of `provider`.
    public func state(of provider: ProviderName) -> CircuitState {
        states[provider] ?? .closed(consecutiveFailures: 0)
    }
}
