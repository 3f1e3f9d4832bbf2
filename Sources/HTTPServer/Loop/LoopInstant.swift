import Glibc

/// A reading of the monotonic clock, in nanoseconds. The loop reads and compares times several
/// times per request; `ContinuousClock.Instant` is resilient, so outside the standard library
/// every copy of one (or of an optional one) goes through its type's value witnesses, while
/// this is a plain integer.
struct LoopInstant: Comparable {
    var nanoseconds: Int64

    static func now() -> LoopInstant {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return LoopInstant(nanoseconds: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
    }

    static func < (lhs: LoopInstant, rhs: LoopInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    static func - (lhs: LoopInstant, rhs: LoopInstant) -> Duration { .nanoseconds(lhs.nanoseconds - rhs.nanoseconds) }

    static func + (lhs: LoopInstant, rhs: Duration) -> LoopInstant {
        LoopInstant(nanoseconds: lhs.nanoseconds + Self.nanoseconds(of: rhs))
    }

    static func - (lhs: LoopInstant, rhs: Duration) -> LoopInstant {
        LoopInstant(nanoseconds: lhs.nanoseconds - Self.nanoseconds(of: rhs))
    }

    /// Whole nanoseconds of `duration`, saturating: limits are seconds to hours, far inside Int64.
    static func nanoseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
