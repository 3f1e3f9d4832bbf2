/// Writes a message head into memory sized beforehand, with plain stores. A head is a few dozen
/// short pieces; appending each to an Array pays a uniqueness and a capacity check every time,
/// so the encoder writes here and appends the finished head once.
struct HeadWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(_ memory: UnsafeMutableBufferPointer<UInt8>) {
        base = memory.baseAddress!
        capacity = memory.count
    }

    /// What was written so far.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    private mutating func reserve(_ needed: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(needed <= capacity - count, "head larger than sized")
        defer { count += needed }
        return base + count
    }

    mutating func write(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    mutating func write(_ byte: UInt8) {
        reserve(1).pointee = byte
    }

    /// A non-negative integer in decimal.
    mutating func writeDecimal(_ value: Int) {
        var digits = 1
        var power = 1
        while power <= value / 10 {
            power *= 10
            digits += 1
        }
        let start = reserve(digits)
        var rest = value
        for index in 0..<digits {
            start[index] = UInt8(ascii: "0") + UInt8(rest / power)
            rest %= power
            power /= 10
        }
    }

    /// Writes `text` when every byte satisfies `isAllowed`; writes nothing and returns false otherwise.
    /// Inlined so each call site's check is a direct (inlined) call rather than one per byte through a closure.
    @inline(__always)
    mutating func writeIfAll(_ text: String, _ isAllowed: (UInt8) -> Bool) -> Bool {
        let start = count
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where !isAllowed(byte) { return false }
            if let source = bytes.baseAddress { reserve(bytes.count).update(from: source, count: bytes.count) }
            return true
        }
        if let copied { return copied }
        for byte in text.utf8 {
            guard isAllowed(byte) else {
                count = start
                return false
            }
            write(byte)
        }
        return true
    }

    /// Writes the bytes of `text` that satisfy `isAllowed`, dropping the others.
    mutating func writeFiltered(_ text: String, _ isAllowed: (UInt8) -> Bool) {
        for byte in text.utf8 where isAllowed(byte) { write(byte) }
    }

    /// Forgets what was written after `mark` (a former `count`).
    mutating func rewind(to mark: Int) {
        precondition(mark <= count)
        count = mark
    }
}
