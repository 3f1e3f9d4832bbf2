import Glibc
import Payouts

extension Timestamp {
    /// The wall clock now.
    static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(microsecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec / 1000))
    }

    /// RFC 3339 in UTC with microseconds: `2026-11-21T05:13:41.752031Z`.
    var rfc3339: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        appendRFC3339(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `rfc3339` as bytes, from integer arithmetic: list pages write two times per payout.
    func appendRFC3339(to bytes: inout [UInt8]) {
        let (seconds, micros) = Self.floorDivision(microsecondsSinceEpoch, 1_000_000)
        let (days, secondOfDay) = Self.floorDivision(seconds, 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        let hasFourDigitYear = (0...9999).contains(year)
        if !hasFourDigitYear { bytes.append(contentsOf: String(year).utf8) }
        // Filled in a fixed layout on the stack, then appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.layout.count) { text in
            _ = text.initialize(from: Self.layout)
            func put(_ value: Int64, endingAt end: Int, width: Int) {
                var rest = value
                for index in stride(from: end, to: end - width, by: -1) {
                    text[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            if hasFourDigitYear { put(year, endingAt: 3, width: 4) }
            put(month, endingAt: 6, width: 2)
            put(day, endingAt: 9, width: 2)
            put(secondOfDay / 3600, endingAt: 12, width: 2)
            put(secondOfDay / 60 % 60, endingAt: 15, width: 2)
            put(secondOfDay % 60, endingAt: 18, width: 2)
            put(micros, endingAt: 25, width: 6)
            bytes.append(contentsOf: hasFourDigitYear ? UnsafeBufferPointer(text) : UnsafeBufferPointer(rebasing: text[4...]))
        }
    }

    private static let layout = Array("0000-00-00T00:00:00.000000Z".utf8)

    /// Quotient rounded down and a remainder that is never negative.
    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    static func secondsText(_ epochSeconds: Int) -> String {
        var t = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
    }

    /// Parses RFC 3339 (`2026-11-21T05:13:41Z`, with optional fraction up to microseconds and
    /// a `Z` or `±hh:mm` offset); nil for anything else.
    init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 35 else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int32(digit)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              // Year 0 parses here but PostgreSQL refuses it (there is no year 0 AD).
              year >= 1, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var index = 19
        var micros: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                if digits < 6 { micros = micros * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            guard digits >= 1, digits <= 9 else { return nil }
            // Seven to nine digits were cut to six above; fewer are scaled up to microseconds.
            if digits < 6 { for _ in digits..<6 { micros *= 10 } }
        }
        var offsetSeconds = 0
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
            guard index + 1 == bytes.count else { return nil }
        } else {
            guard index + 6 == bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
                  bytes[index + 3] == UInt8(ascii: ":"), let oh = number(index + 1..<index + 3), let om = number(index + 4..<index + 6),
                  oh < 24, om < 60 else { return nil }
            offsetSeconds = (Int(oh) * 3600 + Int(om) * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let epoch = timegm(&parts)
        guard parts.tm_mday == day else { return nil }  // timegm normalised an impossible date
        self.init(microsecondsSinceEpoch: (Int64(epoch) - Int64(offsetSeconds)) * 1_000_000 + micros)
    }
}

extension JSONWriter {
    /// A time as RFC 3339, or null.
    mutating func field(_ name: String, _ time: Timestamp?) {
        key(name)
        if let time { plainString { time.appendRFC3339(to: &$0) } } else { null() }
    }
}
