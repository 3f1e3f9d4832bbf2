import Glibc

/// Waits for a non-blocking descriptor with poll(2), bounded by a deadline.
enum Readiness {
    /// True when `fd` is ready for `events` (or has an error or hangup to report) before `deadline`.
    static func wait(_ fd: Int32, for events: Int32, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            var pfd = pollfd(fd: fd, events: Int16(events), revents: 0)
            let rc = poll(&pfd, 1, milliseconds(remaining))
            if rc > 0 { return true }
            if rc < 0 && errno != EINTR { return true }  // let the next read or write report it
        }
    }

    /// Whole milliseconds, rounded up so a short wait is never a zero-timeout spin.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(ms, 1))
    }
}
