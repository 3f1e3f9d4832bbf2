import Payouts

/// The inputs of one `RoutingEngine.route` call, for the gateway's bench command to time.
public struct RoutingWorkload: Sendable {
    /// The payouts to route, cycled through.
    public let requests: [RouteRequest]
    /// The shipped capabilities.
    public let capabilities: Capabilities
    /// The shipped calendar.
    public let calendar: BusinessCalendar
    /// One provider half-open, one open, the rest healthy: every health branch is exercised.
    public let health: ProviderHealth
    /// A business-day instant inside the clearing window, and one on a Friday evening.
    public let instants: [Timestamp]
}

extension RoutingEngine {
    /// A realistic mix to time routing with: bank and e-wallet payouts from small to 500 million,
    /// auto, requested and pinned, at 10:00 on a business day and at 20:00 on a Friday (WIB).
    public static func benchmarkWorkload() -> RoutingWorkload {
        let directory = BankDirectory.standard
        func bank(_ id: String) -> Bank {
            guard let bank = directory.lookup(id) else { preconditionFailure("no bank \(id)") }
            return bank
        }
        let requests = [
            RouteRequest(amount: idr(1_500_000), bank: bank("bca")),
            RouteRequest(amount: idr(150_000_000), bank: bank("bca")),
            RouteRequest(amount: idr(500_000_000), bank: bank("mandiri")),
            RouteRequest(amount: idr(2_000_000), bank: bank("ovo")),
            RouteRequest(amount: idr(75_000_000), bank: bank("bni"), clearing: .h2h),
            RouteRequest(amount: idr(300_000_000), bank: bank("bri"), provider: .doku, executeImmediately: true),
            RouteRequest(amount: idr(25_000_000), bank: bank("bank_of_india")),
        ]
        let calendar = BusinessCalendar.indonesia
        let tuesdayTen = calendar.instant(on: CivilDate(year: 2026, month: 6, day: 9)!, minute: 10 * 60)
        let fridayEight = calendar.instant(on: CivilDate(year: 2026, month: 6, day: 12)!, minute: 20 * 60)
        let opened = Timestamp(microsecondsSinceEpoch: tuesdayTen.microsecondsSinceEpoch - 10_000_000)
        let health = ProviderHealth(states: [
            .durianpay: .open(since: opened, probeAt: Timestamp(microsecondsSinceEpoch: opened.microsecondsSinceEpoch + 30_000_000)),
            .singapay: .halfOpen(openedAt: opened, probeSince: nil),
        ])
        return RoutingWorkload(requests: requests, capabilities: .defaults, calendar: calendar,
                               health: health, instants: [tuesdayTen, fridayEight])
    }
}
