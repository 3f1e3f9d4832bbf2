import Glibc
import Synchronization

/// Request ids: the caller's `X-Request-Id` when it is short printable ASCII, else a new one.
public enum RequestID {
    public static let header = "X-Request-Id"

    private static let prefix: String = {
        var seed = UInt64(UInt32.random(in: .min ... .max)) << 32 | UInt64(UInt32.random(in: .min ... .max))
        seed ^= UInt64(getpid())
        return String(seed, radix: 36)
    }()
    private static let counter = Atomic<UInt64>(0)

    /// A process-unique id: a random per-process prefix and a counter (no syscall, no lock).
    public static func make() -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return "req_" + prefix + "_" + String(n, radix: 36)
    }

    /// The caller's id if usable (1 to 128 visible ASCII characters), else nil.
    public static func accept(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }
}
