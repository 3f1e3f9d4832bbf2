import Synchronization

/// A token bucket per API key, in integer milli-tokens so no floating point is involved.
final class RateLimiter: Sendable {
    struct Bucket {
        var milliTokens: Int64
        var refilledAt: ContinuousClock.Instant
        /// What the time since `refilledAt` earned short of a whole milli-token, in millionths:
        /// kept, so a key calling more often than one milli-token's time still refills.
        var millionths: Int64 = 0
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
            // A caller that read the clock before another took the lock is behind `refilledAt`: it
            // earns nothing. (A negative span's components are a zero second and negative
            // attoseconds, which would take tokens away.)
            if now > bucket.refilledAt {
                let (seconds, attoseconds) = (now - bucket.refilledAt).components
                bucket.refilledAt = now
                // A nanosecond earns perSecond millionths of a milli-token. Past a full bucket's
                // worth of time the bucket is full (and the product cannot overflow below that).
                if seconds > burst / perSecond {
                    bucket.milliTokens = burst * 1000
                    bucket.millionths = 0
                } else {
                    let earned = (seconds * 1_000_000_000 + attoseconds / 1_000_000_000) * perSecond + bucket.millionths
                    bucket.milliTokens = min(burst * 1000, bucket.milliTokens + earned / 1_000_000)
                    bucket.millionths = bucket.milliTokens == burst * 1000 ? 0 : earned % 1_000_000
                }
            }
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
