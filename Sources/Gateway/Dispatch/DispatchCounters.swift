import Synchronization

/// Counters of the dispatch side, rendered with /metrics.
final class DispatchCounters: Sendable {
    private struct State {
        var calls: [[String]: Int] = [:]
        var settled: [String: Int] = [:]
        var callbacks: [[String]: Int] = [:]
        var needsReview = 0
    }

    private let state = Mutex(State())

    /// One provider call: `call` is prepare, submit or status; `outcome` its neutral kind.
    func call(_ provider: String, _ call: String, _ outcome: String) {
        state.withLock { $0.calls[[provider, call, outcome], default: 0] += 1 }
    }

    /// A payout reached `status` (succeeded, failed, needs_review) in this process.
    func settled(_ status: String) { state.withLock { $0.settled[status, default: 0] += 1 } }

    func callback(_ provider: String, _ effect: String) {
        state.withLock { $0.callbacks[[provider, effect], default: 0] += 1 }
    }

    /// Payouts in `needs_review` across the database, refreshed by the dispatcher.
    func setNeedsReview(_ count: Int) { state.withLock { $0.needsReview = count } }

    var families: [MetricFamily] {
        let snapshot = state.withLock { $0 }
        return [
            MetricFamily(name: "provider_calls_total", help: "Provider calls by provider, call and outcome.", type: "counter",
                         samples: snapshot.calls.sorted { $0.key.joined() < $1.key.joined() }.map {
                             (["provider": $0.key[0], "call": $0.key[1], "outcome": $0.key[2]], $0.value)
                         }),
            MetricFamily(name: "payouts_settled_total", help: "Payouts this process moved to a final or review status.",
                         type: "counter", samples: snapshot.settled.sorted { $0.key < $1.key }.map { (["status": $0.key], $0.value) }),
            MetricFamily(name: "provider_callbacks_total", help: "Verified provider callbacks by what they changed.",
                         type: "counter", samples: snapshot.callbacks.sorted { $0.key.joined() < $1.key.joined() }.map {
                             (["provider": $0.key[0], "effect": $0.key[1]], $0.value)
                         }),
            MetricFamily(name: "payouts_needs_review", help: "Payouts whose outcome a person must establish.", type: "gauge",
                         samples: [([:], snapshot.needsReview)]),
        ]
    }
}
