import Glibc
import HTTP

/// The `Date` header value, formatted at most once a second.
struct DateCache {
    private var second = -1
    private var value = ""

    mutating func current() -> String {
        let now = time(nil)
        if now != second {
            second = now
            value = HTTPDate.format(secondsSinceEpoch: now)
        }
        return value
    }
}
