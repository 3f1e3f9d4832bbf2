import CLinux
import Glibc

/// Shutdown signals, taken by a waiting thread instead of running code in a signal handler.
public struct SignalWaiter: Sendable {
    private let descriptor: Int32

    /// Routes `signals` to this waiter from now on and ignores SIGPIPE, so a peer closing its
    /// socket shows up as EPIPE rather than killing the process.
    public init(_ signals: [Int32]) {
        descriptor = signals.withUnsafeBufferPointer { clinux_signal_pipe($0.baseAddress, Int32($0.count)) }
        precondition(descriptor >= 0, "cannot install signal handlers")
    }

    /// Blocks the calling thread until one of the signals arrives; returns it.
    public func wait() -> Int32 {
        var byte: UInt8 = 0
        while true {
            let n = read(descriptor, &byte, 1)
            if n == 1 { return Int32(byte) }
            if n < 0 && errno == EINTR { continue }
            return -1
        }
    }
}
