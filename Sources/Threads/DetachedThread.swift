import CLinux
import Glibc

/// Starts detached threads for work that blocks (libpq, poll, waits for jobs) and so must stay
/// off Swift's cooperative pool.
public enum DetachedThread {
    /// Linux keeps at most 15 bytes of a thread's name and refuses a longer one whole.
    static let nameBytesMax = 15

    /// Runs `body` on a new thread named `name` (cut to what Linux keeps) with `stackBytes` of
    /// stack, or the system default when nil.
    public static func start(name: String, stackBytes: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        if let stackBytes {
            let status = pthread_attr_setstacksize(&attributes, stackBytes)
            precondition(status == 0, "stack of \(stackBytes) bytes refused for thread \(name)")
        }
        let context = Unmanaged.passRetained(Start(name: truncated(name), body: body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
            clinux_set_thread_name(start.name)
            start.body()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Start>.fromOpaque(context).release()
            preconditionFailure("cannot start thread \(name): error \(status)")
        }
    }

    /// The longest prefix of `name` within `nameBytesMax` bytes that does not split a character.
    static func truncated(_ name: String) -> String {
        var end = name.utf8.count
        guard end > nameBytesMax else { return name }
        end = nameBytesMax
        let bytes = Array(name.utf8)
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// What the new thread needs, passed through pthread_create's context pointer.
    private final class Start: Sendable {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
}
