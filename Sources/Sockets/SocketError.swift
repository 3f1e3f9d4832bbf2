#if canImport(Glibc)
import Glibc
#endif

/// A failed system call, with the errno captured at the failing call.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. "bind" or "epoll_wait".
    public let operation: String
    public let errno: Int32

    public init(_ operation: String, errno: Int32 = Glibc.errno) {
        self.operation = operation
        self.errno = errno
    }

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
