/// Why `send` produced no response, split by the one fact a payment flow needs: could the server
/// have received the request? `.notSent` means certainly not, so the caller may try elsewhere;
/// `.maybeSent` means the outcome is unknown and must be settled by a status query, never by
/// sending again.
public enum ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No byte of the request reached the network: invalid request, DNS failure, connection
    /// refused, connect or handshake timeout, TLS or certificate failure, no free connection, shut down.
    case notSent(Reason)
    /// At least one byte of the request was written, and then the exchange failed: timeout,
    /// connection closed or reset, response malformed or too large.
    case maybeSent(Reason)

    /// What happened.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The URL or a field cannot be sent as is.
        case invalidRequest(String)
        /// The host name did not resolve.
        case resolutionFailed(String)
        /// Every address refused or was unreachable.
        case connectFailed(String)
        /// The host resolved only to addresses the client may not connect to (`publicAddressesOnly`).
        case addressRefused(String)
        /// No connection (TCP and TLS handshake) within `connectTimeout`.
        case connectTimedOut
        /// The server's certificate did not verify, with OpenSSL's reason.
        case certificateRejected(String)
        /// The TLS handshake failed for another reason.
        case handshakeFailed(String)
        /// The host was at its connection limit for all of `connectTimeout`.
        case poolExhausted
        /// The client was shut down.
        case shutDown
        /// A write, read or total deadline passed.
        case timedOut
        /// The server closed or reset the connection before the response was complete.
        case connectionClosed
        /// The response body is past `responseBytesMax`.
        case responseTooLarge
        /// The response could not be parsed.
        case malformedResponse(String)
        /// Another system or TLS failure while exchanging.
        case ioFailed(String)

        /// A short explanation, safe to log.
        public var description: String {
            switch self {
            case .invalidRequest(let why): "invalid request: \(why)"
            case .resolutionFailed(let why): "name resolution failed: \(why)"
            case .connectFailed(let why): "connect failed: \(why)"
            case .addressRefused(let why): "address refused: \(why)"
            case .connectTimedOut: "connect timed out"
            case .certificateRejected(let why): "certificate rejected: \(why)"
            case .handshakeFailed(let why): "TLS handshake failed: \(why)"
            case .poolExhausted: "no free connection to the host"
            case .shutDown: "client shut down"
            case .timedOut: "timed out"
            case .connectionClosed: "connection closed by the server"
            case .responseTooLarge: "response too large"
            case .malformedResponse(let why): "malformed response: \(why)"
            case .ioFailed(let why): "I/O failed: \(why)"
            }
        }
    }

    /// False only for `.notSent`: true means the request must be treated as possibly processed.
    public var requestMayHaveReachedServer: Bool {
        switch self {
        case .notSent: false
        case .maybeSent: true
        }
    }

    /// The reason, whichever the case.
    public var reason: Reason {
        switch self {
        case .notSent(let reason), .maybeSent(let reason): reason
        }
    }

    /// Whether it was sent, and why it failed.
    public var description: String {
        switch self {
        case .notSent(let reason): "request not sent: \(reason)"
        case .maybeSent(let reason): "request may have been sent: \(reason)"
        }
    }
}
