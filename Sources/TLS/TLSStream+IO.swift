import COpenSSL
import Glibc
import Sockets

extension TLSStream {
    /// Reads decrypted bytes into `buffer`, waiting until `deadline`; 0 means the peer ended the
    /// session (check `isClosedCleanly` to tell close_notify from a bare close).
    public func read(into buffer: UnsafeMutableRawBufferPointer, deadline: ContinuousClock.Instant) throws(TLSError) -> Int {
        try perform(deadline: deadline) { SSL_read($0, buffer.baseAddress, Int32(clamping: buffer.count)) }
    }

    /// Encrypts and sends all of `bytes` before `deadline`.
    public func write(_ bytes: UnsafeRawBufferPointer, deadline: ContinuousClock.Instant) throws(TLSError) {
        guard !bytes.isEmpty else { return }
        // A memory BIO never blocks, so SSL_write takes everything at once; perform then flushes it.
        let written = try perform(deadline: deadline) { SSL_write($0, bytes.baseAddress, Int32(clamping: bytes.count)) }
        guard written > 0 else { throw TLSError(.connectionClosed, "peer ended the session") }
    }

    /// Whether an idle session is still usable: nothing arrived, or only TLS housekeeping (TLS 1.3
    /// session tickets). Closed, reset, or unsolicited application data all mean it is not.
    /// Bytes that arrived with the last answer count too: a record already read off the socket
    /// (into OpenSSL or the incoming BIO) would otherwise be taken as the next request's answer.
    public func isIdleAndOpen() -> Bool {
        let buffered = SSL_has_pending(ssl) == 1 || BIO_ctrl_pending(incoming) > 0
        var pfd = pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)
        guard buffered || poll(&pfd, 1, 0) > 0 else { return true }
        let probe = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
        defer { probe.deallocate() }
        do {
            // An already-passed deadline: use what has arrived, never wait. Any result, data or
            // end of session, means the connection cannot carry a new exchange.
            _ = try read(into: probe, deadline: .now)
            return false
        } catch {
            return error.kind == .timedOut
        }
    }

    /// Sends close_notify if the session is healthy, without waiting for the peer's (RFC 8446 §6.1
    /// allows closing the write side alone). The socket is left to its owner to close.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        ERR_clear_error()
        if SSL_shutdown(ssl) >= 0 { try? flush(deadline: .now + .milliseconds(50)) }
        ERR_clear_error()
    }

    /// Repeats `operation` until it succeeds, feeding OpenSSL from the socket when it wants bytes
    /// and sending what it wrote. Returns the operation's positive result, or 0 at end of session.
    func perform(deadline: ContinuousClock.Instant,
                 _ operation: (OpaquePointer) -> Int32) throws(TLSError) -> Int {
        while true {
            ERR_clear_error()
            let rc = operation(ssl)
            let code = SSL_get_error(ssl, rc)
            try flush(deadline: deadline)
            if rc > 0 { return Int(rc) }
            switch code {
            case SSL_ERROR_WANT_READ:
                try fill(deadline: deadline)
            case SSL_ERROR_WANT_WRITE:
                continue
            case SSL_ERROR_ZERO_RETURN:
                isClosedCleanly = true
                return 0
            case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
                return 0
            default:
                // OpenSSL 3 reports a close without close_notify as an "unexpected eof" error.
                if socketEnded { ERR_clear_error(); return 0 }
                throw TLSError(.failed, OpenSSLErrors.drain(fallback: "TLS error \(code)"))
            }
        }
    }

    /// Waits for the socket and moves what it has into the incoming BIO.
    private func fill(deadline: ContinuousClock.Instant) throws(TLSError) {
        guard !socketEnded else { throw TLSError(.connectionClosed, "peer closed the connection") }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let outcome: ReadOutcome
            do {
                outcome = try chunk.withUnsafeMutableBytes { try socket.read(into: $0) }
            } catch {
                throw Self.socketFailure(error)
            }
            switch outcome {
            case .bytes(let n):
                chunk.withUnsafeBytes { _ = BIO_write(incoming, $0.baseAddress, Int32(n)) }
                return
            case .endOfStream:
                socketEnded = true
                BIO_ctrl(incoming, BIO_C_SET_BUF_MEM_EOF_RETURN, 0, nil)
                return
            case .wouldBlock:
                guard Readiness.wait(socket.descriptor, for: Int32(POLLIN), until: deadline) else {
                    throw TLSError(.timedOut, "no data from the peer before the deadline")
                }
            }
        }
    }

    /// Sends everything OpenSSL has written to the outgoing BIO.
    func flush(deadline: ContinuousClock.Instant) throws(TLSError) {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while BIO_ctrl_pending(outgoing) > 0 {
            let n = chunk.withUnsafeMutableBytes { BIO_read(outgoing, $0.baseAddress, Int32($0.count)) }
            guard n > 0 else { return }
            var offset = 0
            while offset < Int(n) {
                let written: Int
                do {
                    written = try chunk.withUnsafeBytes { try socket.write(UnsafeRawBufferPointer(rebasing: $0[offset..<Int(n)])) }
                } catch {
                    throw Self.socketFailure(error)
                }
                offset += written
                sentBytes += written
                if written == 0, !Readiness.wait(socket.descriptor, for: Int32(POLLOUT), until: deadline) {
                    throw TLSError(.timedOut, "the peer did not take our bytes before the deadline")
                }
            }
        }
    }

    /// A reset or broken pipe is the peer going away; anything else is a plain failure.
    static func socketFailure(_ error: any Error) -> TLSError {
        guard let socketError = error as? SocketError else { return TLSError(.failed, "\(error)") }
        let code = socketError.errno
        let isReset = code == ECONNRESET || code == EPIPE || code == ENOTCONN
        return TLSError(isReset ? .connectionClosed : .failed, socketError.description)
    }
}
