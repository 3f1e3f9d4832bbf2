/// A response to encode; the server adds `Date`, `Content-Length` and `Connection`.
public struct HTTPResponse: Sendable {
    /// The status code and reason phrase.
    public var status: HTTPStatus
    /// Fields to send; the encoder adds the framing fields itself.
    public var headers: HTTPHeaders
    /// The content, sent whole with a Content-Length.
    public var body: [UInt8]
    /// When set, the content is produced piece by piece after the head and sent chunked
    /// (RFC 9112 §7.1) instead of `body`, so a large export never sits whole in memory.
    public var bodyStream: HTTPBodyStream?

    /// A response with optional fields and content.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose content `stream` writes after the head.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), stream: HTTPBodyStream) {
        self.init(status: status, headers: headers)
        self.bodyStream = stream
    }
}

/// Produces a streamed body by writing pieces to the server's writer.
public struct HTTPBodyStream: Sendable {
    public let produce: @Sendable (any HTTPBodyWriter) async throws -> Void

    public init(_ produce: @escaping @Sendable (any HTTPBodyWriter) async throws -> Void) {
        self.produce = produce
    }
}

/// Takes the pieces of a streamed body. `write` returns once the server can take more (it
/// waits while the client reads slowly) and throws when the client has gone.
public protocol HTTPBodyWriter: Sendable {
    func write(_ bytes: [UInt8]) async throws
}
