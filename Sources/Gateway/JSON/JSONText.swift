import HTTP

/// JSON numbers for log lines built in an Array (`Logger`); the digits are written by
/// `ByteWriter`'s writers, which the per-request log line uses directly. Strings are `JSONString`'s.
enum JSONText {
    /// Whole microseconds of a duration (fractions truncated).
    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// An integer in decimal, as `String(value)` spells it, without building a String.
    static func appendInteger(_ value: Int, to buffer: inout [UInt8]) {
        appendWritten(to: &buffer) { $0.writeInteger(value) }
    }

    /// A duration as milliseconds with three decimals, from integer arithmetic.
    static func appendMilliseconds(_ duration: Duration, to buffer: inout [UInt8]) {
        appendWritten(to: &buffer) { $0.writeMilliseconds(duration) }
    }

    /// At most 25 bytes: a sign, 20 digits and three decimals.
    private static func appendWritten(to buffer: inout [UInt8], _ write: (inout ByteWriter) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { memory in
            var writer = ByteWriter(memory)
            write(&writer)
            buffer.append(contentsOf: writer.written)
        }
    }
}
