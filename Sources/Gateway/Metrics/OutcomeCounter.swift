import Synchronization

/// A counter with one label, every value shown from the start (a rate over a series that
/// appears late reads as a jump).
final class OutcomeCounter: Sendable {
    let name: String
    let help: String
    let label: String
    private let counts: Mutex<[String: Int]>

    init(name: String, help: String, label: String, values: [String]) {
        self.name = name
        self.help = help
        self.label = label
        self.counts = Mutex(Dictionary(uniqueKeysWithValues: values.map { ($0, 0) }))
    }

    func increment(_ value: String) {
        counts.withLock { $0[value, default: 0] += 1 }
    }

    func count(_ value: String) -> Int { counts.withLock { $0[value] ?? 0 } }

    var family: MetricFamily {
        let snapshot = counts.withLock { $0 }
        return MetricFamily(name: name, help: help, type: "counter",
                            samples: snapshot.keys.sorted().map { ([label: $0], snapshot[$0] ?? 0) })
    }
}
