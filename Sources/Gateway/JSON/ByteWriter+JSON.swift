import HTTP
import JSON

/// JSON fragments for the per-request log line, written with plain stores into memory sized
/// beforehand (whose pieces would each pay Array.append's checks). `Logger` writes its numbers here too.
extension ByteWriter {
    /// Bytes a string can take once quoted and escaped (`\u00XX` is the longest escape).
    static func jsonStringBytesMax(_ text: String) -> Int { 6 * text.utf8.count + 2 }

    /// A quoted, escaped JSON string, as `JSONString.append` writes it.
    mutating func writeString(_ text: String) {
        write(UInt8(ascii: "\""))
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: JSONString.needsEscape), let source = bytes.baseAddress else { return bytes.isEmpty }
            reserve(bytes.count).update(from: source, count: bytes.count)
            return true
        }
        if copied != true {
            var escaped: [UInt8] = []
            JSONString.append(text, to: &escaped)
            // Without its quotes: the opening one is written above, the closing one below.
            for byte in escaped.dropFirst().dropLast() { write(byte) }
        }
        write(UInt8(ascii: "\""))
    }

    /// An integer in decimal, as `String(value)` spells it.
    mutating func writeInteger(_ value: Int) {
        if value < 0 { write(UInt8(ascii: "-")) }
        writeDecimal(value.magnitude)
    }

    /// A duration as milliseconds with three decimals (whole microseconds, truncated).
    mutating func writeMilliseconds(_ duration: Duration) {
        let micros = JSONText.microseconds(duration)
        writeInteger(Int(micros / 1000))
        write(UInt8(ascii: "."))
        let fraction = micros % 1000
        let start = reserve(3)
        start[0] = UInt8(ascii: "0") + UInt8(fraction / 100)
        start[1] = UInt8(ascii: "0") + UInt8(fraction / 10 % 10)
        start[2] = UInt8(ascii: "0") + UInt8(fraction % 10)
    }
}
