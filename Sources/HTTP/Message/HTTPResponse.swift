/// A response to encode; the server adds `Date`, `Content-Length` and `Connection`.
public struct HTTPResponse: Sendable {
    /// The status code and reason phrase.
    public var status: HTTPStatus
    /// Fields to send; the encoder adds the framing fields itself.
    public var headers: HTTPHeaders
    /// The content, sent whole with a Content-Length.
    public var body: [UInt8]

    /// A response with optional fields and content.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
