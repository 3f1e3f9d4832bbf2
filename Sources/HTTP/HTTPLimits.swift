/// What one request may be: checked by the parser before memory is spent.
public struct HTTPLimits: Sendable, Equatable {
    /// Bytes of the request line including CRLF; past it: 431.
    public var requestLineBytesMax: Int
    /// Bytes of the whole head: request line plus header fields plus the empty line; past it: 431.
    public var headerBytesMax: Int
    /// Number of header fields; past it: 431.
    public var headerCountMax: Int
    /// Bytes of the decoded body; past it: 413.
    public var bodyBytesMax: Int

    /// Limits for one request; the defaults suit JSON APIs behind a proxy.
    public init(requestLineBytesMax: Int = 8 * 1024, headerBytesMax: Int = 16 * 1024,
                headerCountMax: Int = 100, bodyBytesMax: Int = 1024 * 1024) {
        self.requestLineBytesMax = requestLineBytesMax
        self.headerBytesMax = headerBytesMax
        self.headerCountMax = headerCountMax
        self.bodyBytesMax = bodyBytesMax
    }
}
