import Routing

/// `payout-gateway bench-routing [ROUTES]`: times the routing engine over a realistic workload
/// (the shipped capabilities, seven payouts from e-wallets to RTGS, two instants, mixed provider
/// health) and prints nanoseconds per route, with and without rendering the decision as JSON.
enum RoutingBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let routes = arguments.first.flatMap(Int.init) ?? 200_000
        let workload = RoutingEngine.benchmarkWorkload()
        let clock = ContinuousClock()
        var sink = 0
        func measure(json: Bool) -> Duration {
            clock.measure {
                for index in 0..<routes {
                    let request = workload.requests[index % workload.requests.count]
                    let now = workload.instants[index % workload.instants.count]
                    let decision = RoutingEngine.route(request, capabilities: workload.capabilities, calendar: workload.calendar,
                                                       health: workload.health, now: now)
                    sink &+= json ? decision.json.utf8.count : decision.candidates.count
                }
            }
        }
        _ = measure(json: false)  // warm-up
        let plain = measure(json: false)
        let rendered = measure(json: true)
        func perRoute(_ duration: Duration) -> Int64 {
            let (seconds, attoseconds) = duration.components
            return (seconds * 1_000_000_000 + attoseconds / 1_000_000_000) / Int64(routes)
        }
        print("routing engine: \(routes) routes, \(perRoute(plain)) ns per route, \(perRoute(rendered)) ns with the JSON decision (checksum \(sink % 1000))")
        return 0
    }
}
