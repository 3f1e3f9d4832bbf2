import HTTP
import HTTPServer
import Synchronization

/// Request counters and latency histograms, rendered in the Prometheus text format (0.0.4).
///
/// Counts are kept in shards: one per event loop (the loops call `record` for every request)
/// and one for every other thread, so loops never wait on each other's lock. Routes the router
/// numbered are found by that number; only other routes (`unmatched`, `timeout`) are hashed.
public final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in microseconds.
    static let bucketBoundsMicroseconds: [Int] = [500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000]
    /// Shards for loops; loop n uses shard 1 + n % loopShards, other threads shard 0.
    static let loopShards = 8

    struct RouteStatus: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    struct Histogram {
        var buckets = [Int](repeating: 0, count: Metrics.bucketBoundsMicroseconds.count)
        var count = 0
        var sumMicroseconds = 0
    }

    /// One route's counts in one shard.
    struct RouteCounts {
        let route: String
        /// By method and status; a route sees few of them, so a list beats a hash.
        var requests: [(method: HTTPMethod, status: Int, count: Int)] = []
        var latency = Histogram()

        init(route: String) { self.route = route }
    }

    struct State {
        /// By the router's route number.
        var numbered: [RouteCounts?] = []
        /// Routes without a number, by name.
        var named: [String: RouteCounts] = [:]
    }

    /// One shard's lock and counts, in an object of its own.
    final class Shard: Sendable {
        let state = Mutex(State())
        /// Keeps the next shard's lock off this one's cache line, so loops do not contend through it.
        private let padding: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
    }

    private let shards: [Shard]
    /// Client webhook tries by what came of them.
    let webhookDeliveries = OutcomeCounter(name: "webhook_deliveries_total", help: "Webhook delivery tries by outcome.",
                                           label: "outcome", values: ["delivered", "retried", "failed"])

    public init() {
        shards = (0...Self.loopShards).map { _ in Shard() }
    }

    /// Methods counted under their own name. The parser takes any token as a method, so any
    /// other is counted as `OTHER`: a client must not be able to add series (and memory) at will.
    static let namedMethods: Set<HTTPMethod> = [.get, .head, .post, .put, .patch, .delete, .options]

    /// Counts one answered request; `routeIndex` is the router's number for `route`, if any.
    public func record(method: HTTPMethod, route: String, routeIndex: Int? = nil, status: Int, duration: Duration) {
        let method = Self.namedMethods.contains(method) ? method : HTTPMethod("OTHER")
        let (seconds, attoseconds) = duration.components
        let micros = Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
        let bucket = Self.bucketBoundsMicroseconds.firstIndex { micros <= $0 }
        let shard = HTTPServer.currentLoopIndex.map { 1 + $0 % Self.loopShards } ?? 0
        shards[shard].state.withLock { state in
            if let routeIndex, routeIndex >= 0 {
                if routeIndex >= state.numbered.count {
                    state.numbered.append(contentsOf: repeatElement(nil, count: routeIndex + 1 - state.numbered.count))
                }
                if state.numbered[routeIndex] == nil { state.numbered[routeIndex] = RouteCounts(route: route) }
                // A number names one route; should two routers share these metrics, the name decides.
                if state.numbered[routeIndex]?.route == route {
                    state.numbered[routeIndex]?.record(method: method, status: status, micros: micros, bucket: bucket)
                    return
                }
            }
            state.named[route, default: RouteCounts(route: route)]
                .record(method: method, status: status, micros: micros, bucket: bucket)
        }
    }

    /// Every shard's counts added up, by the keys the exposition uses.
    func snapshot() -> (requests: [RouteStatus: Int], latency: [String: Histogram]) {
        var requests: [RouteStatus: Int] = [:]
        var latency: [String: Histogram] = [:]
        for shard in shards {
            shard.state.withLock { state in
                for counts in state.numbered.compactMap({ $0 }) + Array(state.named.values) {
                    for entry in counts.requests {
                        requests[RouteStatus(method: entry.method.rawValue, route: counts.route, status: entry.status), default: 0]
                            += entry.count
                    }
                    latency[counts.route, default: Histogram()].add(counts.latency)
                }
            }
        }
        return (requests, latency)
    }

    /// The exposition text; `gauges` (name, help, value) and labelled `families` are appended.
    public func render(gauges: [(name: String, help: String, value: Int)], families: [MetricFamily] = []) -> String {
        let snapshot = snapshot()
        var out = "# HELP http_requests_total Requests answered, by method, route and status.\n# TYPE http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "http_requests_total{method=\"\(key.method)\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP http_request_duration_seconds Time from a parsed request to its answer.\n# TYPE http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            let label = "route=\"\(Self.escape(route))\""
            var cumulative = 0
            for (index, bound) in Self.bucketBoundsMicroseconds.enumerated() {
                cumulative += histogram.buckets[index]
                out += "http_request_duration_seconds_bucket{\(label),le=\"\(Self.seconds(bound))\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.count)\n"
            out += "http_request_duration_seconds_sum{\(label)} \(Self.seconds(histogram.sumMicroseconds))\n"
            out += "http_request_duration_seconds_count{\(label)} \(histogram.count)\n"
        }
        for gauge in gauges {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n\(gauge.name) \(gauge.value)\n"
        }
        for family in families + [webhookDeliveries.family] {
            out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.type)\n"
            for (labels, value) in family.samples {
                let text = labels.keys.sorted().map { "\($0)=\"\(Self.escape(labels[$0] ?? ""))\"" }.joined(separator: ",")
                out += text.isEmpty ? "\(family.name) \(value)\n" : "\(family.name){\(text)} \(value)\n"
            }
        }
        return out
    }

    /// Microseconds as decimal seconds, without floating point.
    static func seconds(_ micros: Int) -> String {
        let fraction = String(micros % 1_000_000)
        let padded = String(repeating: "0", count: 6 - fraction.count) + fraction
        var trimmed = Substring(padded)
        while trimmed.last == "0" { trimmed = trimmed.dropLast() }
        return trimmed.isEmpty ? "\(micros / 1_000_000)" : "\(micros / 1_000_000).\(trimmed)"
    }

    static func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// One metric with labelled samples (Prometheus: one HELP and TYPE, many lines).
public struct MetricFamily: Sendable {
    public var name: String
    public var help: String
    public var type: String
    public var samples: [(labels: [String: String], value: Int)]
}

extension Metrics.Histogram {
    mutating func record(_ micros: Int, bucket: Int?) {
        if let bucket { buckets[bucket] += 1 }
        count += 1
        sumMicroseconds += micros
    }

    mutating func add(_ other: Metrics.Histogram) {
        for index in buckets.indices { buckets[index] += other.buckets[index] }
        count += other.count
        sumMicroseconds += other.sumMicroseconds
    }
}

extension Metrics.RouteCounts {
    mutating func record(method: HTTPMethod, status: Int, micros: Int, bucket: Int?) {
        if let index = requests.firstIndex(where: { $0.status == status && $0.method == method }) {
            requests[index].count += 1
        } else {
            requests.append((method, status, 1))
        }
        latency.record(micros, bucket: bucket)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
