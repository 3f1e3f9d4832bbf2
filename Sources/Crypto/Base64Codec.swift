/// One base64 alphabet with its reverse table; shared by the standard and URL-safe forms.
struct Base64Codec: Sendable {
    static let standard = Base64Codec(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    static let urlSafe = Base64Codec(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    private static let invalid: UInt8 = 0xff
    private static let pad = UInt8(ascii: "=")

    private let symbols: [UInt8]
    private let values: [UInt8]

    private init(_ alphabet: StaticString) {
        symbols = alphabet.withUTF8Buffer { Array($0) }
        precondition(symbols.count == 64)
        var values = [UInt8](repeating: Self.invalid, count: 256)
        for (value, symbol) in symbols.enumerated() {
            values[Int(symbol)] = UInt8(value)
        }
        self.values = values
    }

    func encode(_ bytes: some Collection<UInt8>, padded: Bool) -> String {
        let count = bytes.count
        let length = padded ? (count + 2) / 3 * 4 : (count * 4 + 2) / 3
        return String(unsafeUninitializedCapacity: length) { output in
            var index = 0
            func put(_ sextet: UInt32) {
                output[index] = symbols[Int(sextet & 0x3f)]
                index += 1
            }
            var iterator = bytes.makeIterator()
            while let first = iterator.next() {
                let second = iterator.next()
                let third = second == nil ? nil : iterator.next()
                let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
                put(group >> 18)
                put(group >> 12)
                if second != nil { put(group >> 6) }
                if third != nil { put(group) }
            }
            while padded && index < length {
                output[index] = Self.pad
                index += 1
            }
            return index
        }
    }

    func decode(_ text: String, paddingRequired: Bool) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode($0, paddingRequired: paddingRequired) }
    }

    private func decode(_ input: UnsafeBufferPointer<UInt8>, paddingRequired: Bool) -> [UInt8]? {
        var end = input.count
        while end > 0, input.count - end < 2, input[end - 1] == Self.pad {
            end -= 1
        }
        let isPadded = end < input.count
        // Padding, when present, must complete the final quartet exactly.
        if isPadded || paddingRequired {
            guard input.count % 4 == 0 else { return nil }
        }
        // A lone trailing character carries only 6 bits: never a whole byte.
        guard end % 4 != 1 else { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(end / 4 * 3 + 2)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for symbol in input[..<end] {
            let value = values[Int(symbol)]
            guard value != Self.invalid else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> bitCount))
                accumulator &= (1 << bitCount) - 1
            }
        }
        // RFC 4648 §3.5: leftover bits must be zero, so each byte string has one spelling.
        guard accumulator == 0 else { return nil }
        return output
    }
}
