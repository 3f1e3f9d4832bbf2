import COpenSSL
import Glibc
import Sockets

/// A TLS client session over a connected, non-blocking socket.
///
/// OpenSSL talks to two memory BIOs and this type moves bytes between them and the socket, so
/// every wait is a poll(2) bounded by the caller's deadline, and writes go through `Socket.write`
/// with MSG_NOSIGNAL (a socket BIO would write(2) and could raise SIGPIPE). The socket stays
/// the caller's to close.
///
/// `@unchecked Sendable`: a stream is used by one thread at a time (a connection's I/O thread)
/// and handed between threads only through a lock; OpenSSL allows that for an `SSL`.
public final class TLSStream: @unchecked Sendable {
    let ssl: OpaquePointer
    /// Bytes from the network, for OpenSSL to read.
    let incoming: OpaquePointer
    /// Bytes OpenSSL produced, to send.
    let outgoing: OpaquePointer
    let context: TLSContext
    /// The connected socket the session runs over.
    public let socket: Socket
    /// Bytes handed to the kernel so far, handshake included.
    public internal(set) var sentBytes = 0
    /// Set when the peer ended the session with close_notify rather than just closing (RFC 8446 §6.1).
    public internal(set) var isClosedCleanly = false
    var isShutDown = false
    /// Set once the socket reported end of stream.
    var socketEnded = false

    private init(socket: Socket, context: TLSContext) throws(TLSError) {
        guard let ssl = SSL_new(context.pointer) else {
            throw TLSError(.configuration, OpenSSLErrors.drain(fallback: "SSL_new failed"))
        }
        guard let incoming = BIO_new(BIO_s_mem()), let outgoing = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw TLSError(.configuration, "BIO_new failed")
        }
        // An empty memory BIO says "retry" rather than end of file until the socket really ends.
        BIO_ctrl(incoming, BIO_C_SET_BUF_MEM_EOF_RETURN, -1, nil)
        SSL_set_bio(ssl, incoming, outgoing)
        self.ssl = ssl
        self.incoming = incoming
        self.outgoing = outgoing
        self.context = context
        self.socket = socket
    }

    deinit { SSL_free(ssl) }

    /// Runs the handshake over `socket` (connected, non-blocking), verifying the certificate chain
    /// and that it names `serverName`, a DNS name or an IP literal, before `deadline`.
    public static func connect(over socket: Socket, context: TLSContext, serverName: String,
                               deadline: ContinuousClock.Instant) throws(TLSError) -> TLSStream {
        let stream = try TLSStream(socket: socket, context: context)
        try stream.expect(serverName)
        SSL_set_connect_state(stream.ssl)
        let result: Int
        do {
            result = try stream.perform(deadline: deadline) { SSL_do_handshake($0) }
        } catch {
            throw stream.handshakeError(error)
        }
        // 0 is the peer ending the session mid-handshake, which is no handshake at all.
        guard result > 0 else { throw stream.handshakeError(TLSError(.connectionClosed, "peer closed during the handshake")) }
        return stream
    }

    /// Sets the name the certificate must carry (RFC 6125) and, for DNS names, SNI (RFC 6066 §3,
    /// which forbids IP literals there).
    private func expect(_ serverName: String) throws(TLSError) {
        ERR_clear_error()
        let param = SSL_get0_param(ssl)
        if Self.isIPLiteral(serverName) {
            guard X509_VERIFY_PARAM_set1_ip_asc(param, serverName) == 1 else {
                throw TLSError(.configuration, OpenSSLErrors.drain(fallback: "invalid IP address \(serverName)"))
            }
            return
        }
        // "*.example.com" may match "a.example.com" but never "xa.example.com" (RFC 6125 §6.4.3).
        X509_VERIFY_PARAM_set_hostflags(param, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        guard SSL_set1_host(ssl, serverName) == 1 else {
            throw TLSError(.configuration, OpenSSLErrors.drain(fallback: "invalid host name \(serverName)"))
        }
        // SSL_set_tlsext_host_name is a macro; this is its expansion.
        let sent = serverName.withCString {
            SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: $0))
        }
        guard sent == 1 else { throw TLSError(.configuration, OpenSSLErrors.drain(fallback: "cannot set SNI")) }
    }

    /// A failed handshake described by the verification result when the certificate was the cause.
    private func handshakeError(_ error: TLSError) -> TLSError {
        let result = Int(SSL_get_verify_result(ssl))
        guard result != X509_V_OK else {
            return error.kind == .failed ? TLSError(.handshakeFailed, error.message) : error
        }
        return TLSError(.certificateRejected, "certificate verify failed: \(OpenSSLErrors.verifyText(result))",
                        verifyResult: result)
    }

    static func isIPLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
