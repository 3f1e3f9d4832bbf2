import Glibc
import Synchronization

/// Request ids: the caller's `X-Request-Id` when it is short printable ASCII, else a new one.
public enum RequestID {
    public static let header = "X-Request-Id"

    /// `req_`, a random per-process part in base 36, and `_`: what every id made here starts with.
    private static let prefix: [UInt8] = {
        var seed = UInt64(UInt32.random(in: .min ... .max)) << 32 | UInt64(UInt32.random(in: .min ... .max))
        seed ^= UInt64(getpid())
        return Array("req_\(String(seed, radix: 36))_".utf8)
    }()
    private static let counter = Atomic<UInt64>(0)
    /// Base-36 digits of a UInt64: at most 13.
    private static let counterDigitsMax = 13

    /// A process-unique id: a random per-process prefix and a counter in base 36 (no syscall,
    /// no lock, one allocation).
    public static func make() -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return prefix.withUnsafeBufferPointer { prefix in
            String(unsafeUninitializedCapacity: prefix.count + counterDigitsMax) { buffer in
                _ = buffer.initialize(fromContentsOf: prefix)
                return prefix.count + appendBase36(n, to: UnsafeMutableBufferPointer(rebasing: buffer[prefix.count...]))
            }
        }
    }

    /// Writes `value` in lowercase base 36, as `String(value, radix: 36)` does; returns the digit count.
    static func appendBase36(_ value: UInt64, to buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 1
        var power: UInt64 = 1
        while power <= value / 36 {
            power *= 36
            count += 1
        }
        var rest = value
        for index in 0..<count {
            let digit = UInt8(rest / power)
            buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            rest %= power
            power /= 36
        }
        return count
    }

    /// The caller's id if usable (1 to 128 visible ASCII characters), else nil.
    public static func accept(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }
}
