/// Why a response could not be read. A client that sees any of these after sending a request
/// cannot tell what the server did with it.
public enum HTTPResponseParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Malformed status line, field line or framing; the reason is fixed text, never response bytes.
    case malformed(String)
    /// The status line or the head (or a trailer section) is past its limit.
    case headTooLarge
    /// The body is, or is declared to be, past its limit.
    case bodyTooLarge
    /// A transfer coding other than exactly `chunked`; we never ask for one (RFC 9112 §6.1).
    case unsupportedTransferEncoding
    /// A well-formed HTTP version other than 1.0 or 1.1.
    case versionNotSupported
    /// The peer closed the connection before the response was complete.
    case incomplete

    /// A short explanation, safe to log.
    public var description: String {
        switch self {
        case .malformed(let reason): "malformed response: \(reason)"
        case .headTooLarge: "response head too large"
        case .bodyTooLarge: "response body too large"
        case .unsupportedTransferEncoding: "unsupported transfer coding"
        case .versionNotSupported: "unsupported HTTP version"
        case .incomplete: "connection closed before the response was complete"
        }
    }
}
