import HTTP

/// Every limit the server enforces, in one value. Each is tested at the edge and one past it.
public struct ServerLimits: Sendable, Equatable {
    /// Request line, head, header count and body sizes, enforced by the parser (431 / 413).
    public var http: HTTPLimits
    /// Open connections across all event loops; one more is answered 503 and closed.
    public var connectionsMax: Int
    /// The whole request (head and body) must arrive within this from its first byte, so a
    /// slowloris client is cut off (408). A new connection's time starts at its accept, and one
    /// that sends nothing in it is closed.
    public var headerReadTimeout: Duration
    /// A keep-alive connection with no request in progress is closed after this, and so is one
    /// whose answer has not moved for this long (the client not reading, or a streamed body's
    /// producer gone quiet).
    public var idleTimeout: Duration
    /// A handler that has not answered by then gets a 504 in its place.
    public var handlerDeadline: Duration
    /// On SIGTERM, in-flight requests get this long to finish before connections are cut.
    public var drainTimeout: Duration
    /// Response bytes a connection may have queued before the server stops reading its
    /// pipelined requests until the client reads.
    public var outputBytesMax: Int
    /// Threads that run async handlers. Handlers wait for the database or a provider without
    /// holding one, so about a thread a core is enough.
    public var handlerThreads: Int

    public init(http: HTTPLimits = HTTPLimits(), connectionsMax: Int = 4096,
                headerReadTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60),
                handlerDeadline: Duration = .seconds(30), drainTimeout: Duration = .seconds(10),
                outputBytesMax: Int = 256 * 1024, handlerThreads: Int = 2) {
        self.http = http
        self.connectionsMax = connectionsMax
        self.headerReadTimeout = headerReadTimeout
        self.idleTimeout = idleTimeout
        self.handlerDeadline = handlerDeadline
        self.drainTimeout = drainTimeout
        self.outputBytesMax = outputBytesMax
        self.handlerThreads = handlerThreads
    }
}
