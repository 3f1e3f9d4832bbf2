/// Hand-written JSON numbers for the hot paths (logs, metrics); strings are `JSONString`'s.
enum JSONText {
    /// Whole microseconds of a duration (fractions truncated).
    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// Appends fixed ASCII text, such as the punctuation and keys around a value.
    static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// An integer in decimal, as `String(value)` spells it, without building a String.
    static func appendInteger(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var divisor: UInt = 1
        while divisor <= rest / 10 { divisor *= 10 }
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// A duration as milliseconds with three decimals, from integer arithmetic.
    static func appendMilliseconds(_ duration: Duration, to buffer: inout [UInt8]) {
        let micros = microseconds(duration)
        appendInteger(Int(micros / 1000), to: &buffer)
        buffer.append(UInt8(ascii: "."))
        let fraction = micros % 1000
        buffer.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        buffer.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        buffer.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }
}
