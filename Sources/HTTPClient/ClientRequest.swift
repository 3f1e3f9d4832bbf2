import HTTP

/// A request to send: method, absolute URL, fields and body.
public struct ClientRequest: Sendable {
    /// The method; only GET and HEAD are ever retried (see `HTTPClient.send`).
    public var method: HTTPMethod
    /// `http://` or `https://`, a host (name, IPv4, or `[IPv6]`), an optional port, then path and query.
    public var url: String
    /// Fields to send; the client sets `Host` and `Content-Length`, and `User-Agent` when absent.
    public var headers: HTTPHeaders
    /// The content, sent with a `Content-Length`.
    public var body: [UInt8]
    /// False when only the status and fields matter: the answer is returned once its head is
    /// read, with an empty body, whatever the body's size or framing, and the connection closed.
    public var readsBody: Bool

    /// A request with optional fields and content.
    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                readsBody: Bool = true) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.readsBody = readsBody
    }
}

/// A final (non-1xx) response with its whole body.
public struct ClientResponse: Sendable {
    /// The status code and reason phrase.
    public var status: HTTPStatus
    /// The header fields in arrival order.
    public var headers: HTTPHeaders
    /// The decoded body (chunked framing removed).
    public var body: [UInt8]

    /// A response as received.
    public init(status: HTTPStatus, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
