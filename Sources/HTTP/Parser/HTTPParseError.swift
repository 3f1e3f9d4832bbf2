/// Why a request could not be parsed; each case maps to the status the server answers before closing.
public enum HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Malformed syntax or framing (400); the reason is fixed text, safe to show the client.
    case badRequest(String)
    /// The request line, the head or a trailer section is past its limit (431, RFC 6585 §5).
    case requestHeaderFieldsTooLarge
    /// The body is, or is declared to be, past its limit (413, RFC 9110 §15.5.14).
    case payloadTooLarge
    /// A transfer coding other than exactly `chunked` (501, RFC 9112 §6.1).
    case unsupportedTransferEncoding
    /// A well-formed HTTP version other than 1.0 or 1.1 (505, RFC 9110 §15.6.6).
    case versionNotSupported

    /// The response status the server should send for this error.
    public var status: HTTPStatus {
        switch self {
        case .badRequest: .badRequest
        case .requestHeaderFieldsTooLarge: .headerFieldsTooLarge
        case .payloadTooLarge: .payloadTooLarge
        case .unsupportedTransferEncoding: .notImplemented
        case .versionNotSupported: .versionNotSupported
        }
    }

    /// The status line text plus the reason for a 400; never echoes request bytes.
    public var description: String {
        switch self {
        case .badRequest(let reason): "\(status): \(reason)"
        default: status.description
        }
    }
}
