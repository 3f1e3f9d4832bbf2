import Synchronization

/// A token bucket per API key, in integer milli-tokens so no floating point is involved.
final class RateLimiter: Sendable {
    struct Bucket {
        var milliTokens: Int64
        var refilledAt: ContinuousClock.Instant
    }

    let perSecond: Int64
    let burst: Int64
    private let buckets = Mutex<[Int64: Bucket]>([:])

    init(perSecond: Int, burst: Int) {
        precondition(perSecond > 0 && burst > 0)
        self.perSecond = Int64(perSecond)
        self.burst = Int64(burst)
    }

    /// Takes one token for `key`; nil when allowed, else the whole seconds to wait.
    func take(for key: Int64, now: ContinuousClock.Instant = .now) -> Int? {
        buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(milliTokens: burst * 1000, refilledAt: now)
            let elapsed = now - bucket.refilledAt
            let (seconds, attoseconds) = elapsed.components
            let gained = seconds * perSecond * 1000 + attoseconds / 1_000_000_000 * perSecond / 1_000_000
            bucket.milliTokens = min(burst * 1000, bucket.milliTokens + max(0, gained))
            bucket.refilledAt = now
            defer { buckets[key] = bucket }
            if bucket.milliTokens >= 1000 {
                bucket.milliTokens -= 1000
                return nil
            }
            let missing = 1000 - bucket.milliTokens
            return Int((missing + perSecond * 1000 - 1) / (perSecond * 1000))
        }
    }
}
