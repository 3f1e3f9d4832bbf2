import Payouts
@testable import Routing

/// Shared helpers: banks by id, WIB instants, and a one-line route call with the shipped data.
enum Fixture {
    static func bank(_ id: String) -> Bank {
        guard let bank = BankDirectory.standard.lookup(id) else { preconditionFailure("no bank \(id)") }
        return bank
    }

    static func rupiah(_ value: Int64) -> Money {
        Money(rupiah: value)!
    }

    /// An instant given as WIB wall-clock time.
    static func wib(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Timestamp {
        BusinessCalendar.indonesia.instant(on: CivilDate(year: year, month: month, day: day)!, minute: hour * 60 + minute)
    }

    /// Tuesday 9 June 2026, an ordinary business day.
    static func tuesday(_ hour: Int, _ minute: Int = 0) -> Timestamp { wib(2026, 6, 9, hour, minute) }

    static func route(_ amount: Int64, to bankID: String, clearing: Clearing = .auto, provider: ProviderName? = nil,
                      immediately: Bool = false, at now: Timestamp, health: ProviderHealth = .allHealthy,
                      capabilities: Capabilities = .defaults) -> RouteDecision {
        let request = RouteRequest(amount: rupiah(amount), bank: bank(bankID), clearing: clearing, provider: provider,
                                   executeImmediately: immediately)
        return RoutingEngine.route(request, capabilities: capabilities, calendar: .indonesia, health: health, now: now)
    }
}

extension RouteDecision {
    func candidate(_ provider: ProviderName, _ clearing: Clearing) -> Candidate? {
        candidates.first { $0.provider == provider && $0.clearing == clearing }
    }
}
