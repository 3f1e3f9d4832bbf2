/// Formats the `Date` header's IMF-fixdate (RFC 9110 §5.6.7) by arithmetic alone, so the server
/// can refresh its cached value once a second without Foundation.
public enum HTTPDate {
    /// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. Counting from a
    /// March 1st puts each leap day at the end of its year, which keeps the month arithmetic linear.
    static let epochDaysFromMarchZero = 719_468
    /// Days from 1970-01-01 to 9999-12-31, the last day a four-digit year can show.
    static let lastDay = 2_932_896

    static let weekdays: [StaticString] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for `seconds` since 1970-01-01T00:00:00Z; instants outside
    /// years 0000 to 9999 are clamped to that range, as the format has exactly four year digits.
    public static func format(secondsSinceEpoch seconds: Int) -> String {
        let firstSecond = -epochDaysFromMarchZero * 86_400
        let clamped = Swift.min(Swift.max(seconds, firstSecond), lastDay * 86_400 + 86_399)
        // Floor division: clamped + 719_468 days is never negative, so shift first, then divide.
        let shifted = clamped - firstSecond
        let daysFromMarchZero = shifted / 86_400
        let secondOfDay = shifted % 86_400
        let daysSinceEpoch = daysFromMarchZero - epochDaysFromMarchZero
        // 1970-01-01 was a Thursday; `weekdays` starts there.
        let weekday = ((daysSinceEpoch % 7) + 7) % 7
        let (year, month, day) = civilDate(daysFromMarchZero: daysFromMarchZero)

        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        append(weekdays[weekday], to: &bytes)
        append(", ", to: &bytes)
        appendDigits(day, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        append(months[month - 1], to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendDigits(year, count: 4, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendDigits(secondOfDay / 3600, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, count: 2, to: &bytes)
        append(" GMT", to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Year, month (1...12) and day (1...31) for a non-negative day count from 0000-03-01.
    static func civilDate(daysFromMarchZero: Int) -> (year: Int, month: Int, day: Int) {
        // Peel off whole Gregorian cycles: 400 years, then centuries, 4 years, single years.
        // The last century of a cycle and the last year of a 4-year run are one day longer,
        // so their quotients are capped to keep that day (a February 29th) inside them.
        var days = daysFromMarchZero
        let quadricentennials = days / 146_097
        days %= 146_097
        let centuries = Swift.min(days / 36_524, 3)
        days -= centuries * 36_524
        let quadrennials = days / 1_461
        days %= 1_461
        let years = Swift.min(days / 365, 3)
        days -= years * 365
        var year = quadricentennials * 400 + centuries * 100 + quadrennials * 4 + years
        // Months from March have lengths 31 30 31 30 31 31 30 31 30 31 31 (29|28), which the
        // line 153/5 per month (30.6 days) hits exactly when floored.
        let monthFromMarch = (5 * days + 2) / 153
        let day = days - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        if month <= 2 { year += 1 }
        return (year, month, day)
    }

    static func append(_ text: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `value` in decimal, zero-padded to `count` digits.
    static func appendDigits(_ value: Int, count: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
