/// Writes JSON fragments into memory sized beforehand, with plain stores: for the per-request
/// log line, whose pieces would each pay Array.append's checks. Mirrors `JSONText`'s output.
struct JSONLineWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(_ memory: UnsafeMutableBufferPointer<UInt8>) {
        base = memory.baseAddress!
        capacity = memory.count
    }

    /// Bytes a string can take once quoted and escaped (`\u00XX` is the longest escape).
    static func stringBytesMax(_ text: String) -> Int { 6 * text.utf8.count + 2 }

    /// What was written so far.
    var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    private mutating func reserve(_ needed: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(needed <= capacity - count, "line larger than sized")
        defer { count += needed }
        return base + count
    }

    mutating func write(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    mutating func write(_ byte: UInt8) {
        reserve(1).pointee = byte
    }

    /// A quoted, escaped JSON string, as `JSONText.appendString` writes it.
    mutating func writeString(_ text: String) {
        write(UInt8(ascii: "\""))
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: JSONText.needsEscape), let source = bytes.baseAddress else { return bytes.isEmpty }
            reserve(bytes.count).update(from: source, count: bytes.count)
            return true
        }
        if copied != true {
            var escaped: [UInt8] = []
            JSONText.appendString(text, to: &escaped)
            // Without its quotes: the opening one is written above, the closing one below.
            for byte in escaped.dropFirst().dropLast() { write(byte) }
        }
        write(UInt8(ascii: "\""))
    }

    /// An integer in decimal, as `String(value)` spells it.
    mutating func writeInteger(_ value: Int) {
        if value < 0 { write(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var digits = 1
        var power: UInt = 1
        while power <= magnitude / 10 {
            power *= 10
            digits += 1
        }
        let start = reserve(digits)
        var rest = magnitude
        for index in 0..<digits {
            start[index] = UInt8(ascii: "0") + UInt8(rest / power)
            rest %= power
            power /= 10
        }
    }

    /// A duration as milliseconds with three decimals, as `JSONText.appendMilliseconds` writes it.
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
