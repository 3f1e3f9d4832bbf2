/// A response read by a client, with what its framing says about the connection.
public struct ReceivedResponse: Sendable {
    /// Status, fields (trailer fields excluded) and the decoded body.
    public var response: HTTPResponse
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Whether the connection may carry another request (RFC 9112 §9.3): false after
    /// `Connection: close`, after an HTTP/1.0 response without `keep-alive`, and after a body
    /// delimited by the connection closing.
    public var isKeepAlive: Bool

    /// A received response and whether its connection may be reused.
    public init(response: HTTPResponse, minorVersion: Int, isKeepAlive: Bool) {
        self.response = response
        self.minorVersion = minorVersion
        self.isKeepAlive = isKeepAlive
    }
}
