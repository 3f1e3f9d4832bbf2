import Payouts

/// Chooses provider and rail for a payout, or says exactly why there is none. Pure: everything it
/// knows is in its arguments, including the clock; the same arguments give the same decision.
public enum RoutingEngine {
    /// Every (provider, rail) candidate checked against every rule, ordered by preference, and the
    /// decision: dispatch now, schedule for the next window, or no route.
    public static func route(_ request: RouteRequest, capabilities: Capabilities, calendar: BusinessCalendar,
                             health: ProviderHealth, now: Timestamp) -> RouteDecision {
        let context = CheckContext(request: request, capabilities: capabilities, calendar: calendar,
                                   health: health, now: now)
        var candidates: [Candidate] = []
        for capability in capabilities.orderedProviders {
            for clearing in Clearing.allCases {
                guard let offer = capability.clearings[clearing] else { continue }
                candidates.append(context.evaluate(capability, clearing, offer))
            }
        }
        // Each key once, and the small indices moved while sorting rather than the candidates.
        let keys = candidates.map(\.preferenceKey)
        let ordered = candidates.indices.sorted { keys[$0] < keys[$1] }.map { candidates[$0] }
        return decide(ordered, request: request, calendar: calendar)
    }

    static func decide(_ candidates: [Candidate], request: RouteRequest, calendar: BusinessCalendar) -> RouteDecision {
        if let best = candidates.first, best.eligible {
            if best.isOpenNow {
                return RouteDecision(outcome: .dispatch, chosen: best, candidates: candidates, scheduledFor: nil, noRoute: nil)
            }
            return RouteDecision(outcome: .scheduled, chosen: best, candidates: candidates,
                                 scheduledFor: best.opensAt, noRoute: nil)
        }
        let noRoute = NoRoute(code: noRouteCode(candidates), message: noRouteMessage(candidates, request: request, calendar: calendar),
                              rejected: candidates)
        return RouteDecision(outcome: .noRoute, chosen: nil, candidates: candidates, scheduledFor: nil, noRoute: noRoute)
    }

    /// `provider_unavailable` when some route failed only because its provider's circuit is open
    /// (the payout is payable once the provider recovers), `no_route` otherwise.
    static func noRouteCode(_ candidates: [Candidate]) -> FailureCode {
        candidates.contains(where: \.failedOnlyOnHealth) ? .providerUnavailable : .noRoute
    }

    static func noRouteMessage(_ candidates: [Candidate], request: RouteRequest, calendar: BusinessCalendar) -> String {
        if let waiting = candidates.first(where: \.failedOnlyOnWindow), let opens = waiting.opensAt {
            return "every eligible rail is closed now and execute immediately was requested; "
                + "\(waiting.clearing.displayName) at \(waiting.provider.rawValue) opens \(calendar.openingText(opens))"
        }
        return "no eligible route: \(candidates.count) candidates rejected"
    }
}
