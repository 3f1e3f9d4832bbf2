/// Writes bytes into memory sized beforehand, with plain stores. A message head or a log line is
/// a few dozen short pieces; appending each to an Array pays a uniqueness and a capacity check
/// every time, so writers fill one of these and append the finished bytes once. Public and
/// inlinable for the Gateway's log line, which writes the same way.
@frozen public struct ByteWriter {
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    @usableFromInline var used = 0

    /// How many bytes were written so far.
    @inlinable public var count: Int { used }

    @inlinable public init(_ memory: UnsafeMutableBufferPointer<UInt8>) {
        base = memory.baseAddress!
        capacity = memory.count
    }

    /// What was written so far.
    @inlinable public var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: used) }

    /// Claims the next `needed` bytes for the caller to fill; more than the sized memory is a bug.
    @inlinable public mutating func reserve(_ needed: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(needed <= capacity - used, "more bytes than sized")
        defer { used += needed }
        return base + used
    }

    @inlinable public mutating func write(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    @inlinable public mutating func write(_ byte: UInt8) {
        reserve(1).pointee = byte
    }

    /// A non-negative integer in decimal.
    @inlinable public mutating func writeDecimal(_ value: UInt) {
        var digits = 1
        var power: UInt = 1
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

    /// Forgets what was written after `mark` (a former `count`).
    @inlinable public mutating func rewind(to mark: Int) {
        precondition(mark <= used)
        used = mark
    }
}
