import Glibc
import Sockets
import TLS

/// Why a transport call failed.
enum TransportFailure: Error {
    case timedOut
    /// Reset, broken pipe, or end of stream where bytes were still owed.
    case closed(String)
    case failed(String)
}

/// A connected, non-blocking socket, bare or wrapped in TLS. Every wait is a poll(2) bounded by
/// a deadline, so no call can block past the limits.
enum Transport {
    case plain(Socket)
    case tls(TLSStream)

    var socket: Socket {
        switch self {
        case .plain(let socket): socket
        case .tls(let stream): stream.socket
        }
    }

    /// Sends all of `bytes`; `sent` counts what the kernel took, so a failure can tell whether
    /// anything left (TLS record bytes count too: any of them means the handshake is over and
    /// the request is on its way).
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant, sent: inout Int) throws(TransportFailure) {
        switch self {
        case .plain(let socket):
            try Self.writePlain(socket, bytes, deadline: deadline, sent: &sent)
        case .tls(let stream):
            let before = stream.sentBytes
            defer { sent += stream.sentBytes - before }
            let result = bytes.withUnsafeBytes { raw in
                Result { () throws(TLSError) in try stream.write(raw, deadline: deadline) }
            }
            if case .failure(let error) = result { throw Self.failure(error) }
        }
    }

    /// Reads into `buffer`, waiting until `deadline`; 0 means end of stream.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: ContinuousClock.Instant) throws(TransportFailure) -> Int {
        switch self {
        case .plain(let socket):
            return try Self.readPlain(socket, into: buffer, deadline: deadline)
        case .tls(let stream):
            do {
                return try stream.read(into: buffer, deadline: deadline)
            } catch {
                throw Self.failure(error)
            }
        }
    }

    /// True when the peer closed a TLS session without close_notify, so a body delimited by
    /// the close may have been cut short (RFC 8446 §6.1). Never true for plain sockets.
    var mayBeTruncated: Bool {
        if case .tls(let stream) = self { return !stream.isClosedCleanly }
        return false
    }

    /// Whether an idle connection can carry a new request: checked just before reuse, so a
    /// connection the server already closed is never written to.
    func isIdleAndOpen() -> Bool {
        switch self {
        case .tls(let stream):
            return stream.isIdleAndOpen()
        case .plain(let socket):
            var pfd = pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 0) > 0 else { return true }
            // Readable while idle: either end of stream or bytes nobody asked for; both end it.
            var byte: UInt8 = 0
            let n = recv(socket.descriptor, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
        }
    }

    /// Ends the session and closes the socket.
    func close() {
        if case .tls(let stream) = self { stream.shutdown() }
        socket.close()
    }

    private static func writePlain(_ socket: Socket, _ bytes: [UInt8], deadline: ContinuousClock.Instant,
                                   sent: inout Int) throws(TransportFailure) {
        var offset = 0
        while offset < bytes.count {
            let n: Int
            do {
                n = try bytes.withUnsafeBytes { try socket.write(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            } catch {
                throw failure(error)
            }
            offset += n
            sent += n
            if n == 0, !wait(socket, for: POLLOUT, until: deadline) { throw .timedOut }
        }
    }

    private static func readPlain(_ socket: Socket, into buffer: UnsafeMutableRawBufferPointer,
                                  deadline: ContinuousClock.Instant) throws(TransportFailure) -> Int {
        while true {
            let outcome: ReadOutcome
            do {
                outcome = try socket.read(into: buffer)
            } catch {
                throw failure(error)
            }
            switch outcome {
            case .bytes(let n): return n
            case .endOfStream: return 0
            case .wouldBlock: if !wait(socket, for: POLLIN, until: deadline) { throw .timedOut }
            }
        }
    }

    /// Polls until ready or `deadline`; false on timeout.
    private static func wait(_ socket: Socket, for events: Int32, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            var pfd = pollfd(fd: socket.descriptor, events: Int16(events), revents: 0)
            let rc = poll(&pfd, 1, Deadlines.milliseconds(remaining))
            if rc > 0 { return true }
            if rc < 0 && errno != EINTR { return true }  // the next call reports the error
        }
    }

    private static func failure(_ error: any Error) -> TransportFailure {
        guard let error = error as? SocketError else { return .failed("\(error)") }
        switch error.errno {
        case ECONNRESET, EPIPE, ENOTCONN: return .closed(error.description)
        default: return .failed(error.description)
        }
    }

    private static func failure(_ error: TLSError) -> TransportFailure {
        switch error.kind {
        case .timedOut: .timedOut
        case .connectionClosed: .closed(error.message)
        default: .failed(error.description)
        }
    }
}

/// Deadline arithmetic shared by the client's waits.
enum Deadlines {
    /// Whole milliseconds, rounded up so a short wait is never a zero-timeout spin.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(ms, 1))
    }

    /// The earlier of `now + duration` and `limit`.
    static func within(_ duration: Duration, _ limit: ContinuousClock.Instant) -> ContinuousClock.Instant {
        min(.now + duration, limit)
    }
}
