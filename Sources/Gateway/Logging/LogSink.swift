import Glibc
import Payouts
import Synchronization
import Threads

/// Buffers log lines in memory and writes them from a background thread, so a request never
/// waits on a terminal or a pipe. Lines past `bufferBytesMax` are dropped and counted.
public final class LogSink: Sendable {
    struct State {
        var buffer: [UInt8] = []
        var dropped = 0
        var second = -1
        /// `{"ts":"` and the current second's RFC 3339 text, remade once a second.
        var linePrefix: [UInt8] = []
        var stopped = false

        /// Starts a line stamped `now`, or counts it dropped (returning false) when the buffer is full.
        mutating func beginLine(at now: timespec, bufferBytesMax: Int) -> Bool {
            guard buffer.count < bufferBytesMax else {
                dropped += 1
                return false
            }
            if second != now.tv_sec {
                second = now.tv_sec
                linePrefix = Array(#"{"ts":""#.utf8) + Array(Timestamp.secondsText(now.tv_sec).utf8)
            }
            buffer.append(contentsOf: linePrefix)
            LogTime.appendMilliseconds(Int(now.tv_nsec) / 1_000_000, to: &buffer)
            return true
        }
    }

    private let state = Mutex(State())
    private let descriptor: Int32
    private let bufferBytesMax: Int
    /// A written buffer larger than this is freed rather than reused.
    static let keptBufferBytesMax = 1 << 20

    /// Writes to `descriptor` (1 = standard output) every `flushIntervalMilliseconds`.
    public init(descriptor: Int32 = 1, flushIntervalMilliseconds: Int = 10, bufferBytesMax: Int = 8 << 20) {
        self.descriptor = descriptor
        self.bufferBytesMax = bufferBytesMax
        DetachedThread.start(name: "log-writer") { [self] in
            // Two buffers take turns: the loops fill one while this thread writes the other,
            // so neither is reallocated (or its pages faulted in again) once they have grown.
            var spare: [UInt8] = []
            while true {
                usleep(useconds_t(flushIntervalMilliseconds * 1000))
                if !writePending(reusing: &spare) { break }
            }
        }
    }

    /// Appends one line built by `build` (which writes the JSON object without the newline),
    /// starting with the `"ts":"…"` field.
    func append(_ build: (inout [UInt8]) -> Void) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        state.withLock { state in
            guard state.beginLine(at: now, bufferBytesMax: bufferBytesMax) else { return }
            build(&state.buffer)
            state.buffer.append(contentsOf: "}\n".utf8)
        }
    }

    /// Appends one line made of the `"ts":"…"` field and `fields`, JSON object members each
    /// starting with a comma, written beforehand so the lock is held only to copy them.
    func append(fields: UnsafeRawBufferPointer) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        state.withLock { state in
            guard state.beginLine(at: now, bufferBytesMax: bufferBytesMax) else { return }
            state.buffer.append(contentsOf: fields)
            state.buffer.append(contentsOf: "}\n".utf8)
        }
    }

    /// Writes what is buffered now; call before exit.
    public func flush() {
        var spare: [UInt8] = []
        _ = writePending(reusing: &spare)
    }

    /// Flushes and stops the writer thread.
    public func stop() {
        state.withLock { $0.stopped = true }
        flush()
    }

    /// Swaps `spare` (emptied, capacity kept) for the filled buffer and writes that; afterwards
    /// `spare` holds the written buffer, ready for the next turn. Returns false once stopped.
    private func writePending(reusing spare: inout [UInt8]) -> Bool {
        spare.removeAll(keepingCapacity: true)
        let (dropped, stopped) = state.withLock { state -> (Int, Bool) in
            swap(&spare, &state.buffer)
            let dropped = state.dropped
            state.dropped = 0
            return (dropped, state.stopped)
        }
        if dropped > 0 { spare.append(contentsOf: "{\"level\":\"warning\",\"msg\":\"log lines dropped\",\"count\":\(dropped)}\n".utf8) }
        spare.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { if errno == EINTR { continue }; break }
                offset += n
            }
        }
        // A burst may have grown the buffer far past what steady traffic needs, and once traffic
        // has quietened down a large buffer is only resident memory: let it go in both cases.
        if spare.capacity > Self.keptBufferBytesMax || spare.count < spare.capacity / 8 { spare = [] }
        return !stopped
    }
}

/// Log timestamps: RFC 3339 seconds (cached per second by the sink) plus milliseconds.
enum LogTime {
    /// Appends `.mmmZ"`: the milliseconds, the zone and the closing quote, in one append.
    static func appendMilliseconds(_ ms: Int, to buffer: inout [UInt8]) {
        var tail = (UInt8(ascii: "."), UInt8(ascii: "0") + UInt8(ms / 100), UInt8(ascii: "0") + UInt8(ms / 10 % 10),
                    UInt8(ascii: "0") + UInt8(ms % 10), UInt8(ascii: "Z"), UInt8(ascii: "\""))
        withUnsafeBytes(of: &tail) { buffer.append(contentsOf: $0) }
    }
}
