import CLinux
import Glibc

/// Process signals taken synchronously by a waiting thread instead of an async handler.
public enum Signals {
    /// Blocks `signals` (and ignores SIGPIPE) for this thread and every thread started after;
    /// call first thing in main.
    public static func block(_ signals: [Int32]) {
        _ = signals.withUnsafeBufferPointer { clinux_block_signals($0.baseAddress, Int32($0.count)) }
    }

    /// Blocks the calling thread until one of `signals` (blocked earlier) arrives.
    public static func wait(_ signals: [Int32]) -> Int32 {
        signals.withUnsafeBufferPointer { clinux_wait_signal($0.baseAddress, Int32($0.count)) }
    }
}
