/// Every limit and deadline the client enforces, in one value.
public struct ClientLimits: Sendable, Equatable {
    /// Resolving, connecting and the TLS handshake, together; also how long a caller waits for
    /// a free connection when the host is at `connectionsPerHostMax`.
    public var connectTimeout: Duration
    /// Writing the whole request.
    public var writeTimeout: Duration
    /// Each wait for response bytes; a server that pauses longer is given up on.
    public var readTimeout: Duration
    /// The whole exchange, from `send` to the last response byte, waiting for a connection included.
    public var totalTimeout: Duration
    /// Bytes of the decoded response body; checked while reading, so a larger body is never held.
    public var responseBytesMax: Int
    /// Connections open at once to one scheme, host and port.
    public var connectionsPerHostMax: Int
    /// A kept-alive connection unused this long is closed rather than reused: servers drop idle
    /// connections on their own schedule, and a reused dead one costs a failed request.
    public var idleConnectionTimeout: Duration
    /// Connect only to addresses on the public internet (`SocketAddress.isPublic`), checked after
    /// DNS: for URLs a client chose, which must not reach the gateway's own network.
    public var publicAddressesOnly: Bool

    /// Limits with defaults for calls to payment providers' JSON APIs.
    public init(connectTimeout: Duration = .seconds(5), writeTimeout: Duration = .seconds(10),
                readTimeout: Duration = .seconds(30), totalTimeout: Duration = .seconds(60),
                responseBytesMax: Int = 4 * 1024 * 1024, connectionsPerHostMax: Int = 8,
                idleConnectionTimeout: Duration = .seconds(30), publicAddressesOnly: Bool = false) {
        precondition(connectionsPerHostMax >= 1, "a host needs at least one connection")
        precondition(responseBytesMax >= 0)
        self.connectTimeout = connectTimeout
        self.writeTimeout = writeTimeout
        self.readTimeout = readTimeout
        self.totalTimeout = totalTimeout
        self.responseBytesMax = responseBytesMax
        self.connectionsPerHostMax = connectionsPerHostMax
        self.idleConnectionTimeout = idleConnectionTimeout
        self.publicAddressesOnly = publicAddressesOnly
    }
}
