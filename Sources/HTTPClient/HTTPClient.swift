import HTTP
import TLS

/// Sends HTTP/1.1 requests over plain TCP or verified TLS, reusing connections per scheme, host
/// and port, with every wait bounded by `ClientLimits`.
///
/// Each connection has its own I/O thread (`IOThread`); `send` suspends on a continuation until
/// that thread is done, so blocking socket work never occupies Swift's cooperative pool.
/// Task cancellation does not interrupt an exchange: the deadlines bound it instead.
public final class HTTPClient: Sendable {
    /// Sent when the caller sets none.
    static let userAgent = "swift-http-client/1"

    let limits: ClientLimits
    let pool: ConnectionPool
    /// A bad CA file fails every https request rather than `init`, which cannot throw.
    let tls: Result<TLSContext, TLSError>

    /// A client with `limits`, trusting the CAs in `tls` for https.
    public init(limits: ClientLimits = ClientLimits(), tls: TLSConfiguration = .systemDefault) {
        self.limits = limits
        self.pool = ConnectionPool(limits: limits)
        self.tls = Result { () throws(TLSError) in try TLSContext(configuration: tls) }
    }

    /// Sends `request` and waits for its final response. Throws `.notSent` when no byte of the
    /// request can have left (safe to try elsewhere), `.maybeSent` when the outcome is unknown.
    ///
    /// A reused connection is checked for a server-side close before anything is written. If it
    /// fails anyway, the request is repeated once on a new connection only when nothing of it was
    /// written, or, for GET and HEAD alone (safe methods, RFC 9110 §9.2.1), when the connection
    /// closed before any response byte (RFC 9112 §9.3.1). A POST is never sent twice.
    public func send(_ request: ClientRequest) async throws(ClientError) -> ClientResponse {
        let deadline = ContinuousClock.now + limits.totalTimeout
        let (endpoint, bytes) = try Self.prepare(request)
        var context: TLSContext?
        if endpoint.isSecure {
            switch tls {
            case .success(let value): context = value
            case .failure(let error): throw .notSent(.handshakeFailed(error.description))
            }
        }
        let connection: Connection
        switch await pool.acquire(endpoint, timeout: min(limits.connectTimeout, limits.totalTimeout)) {
        case .reuse(let reused), .create(let reused): connection = reused
        case .fail(let error): throw error
        }
        let exchange = Exchange(request: bytes, method: request.method, limits: limits, deadline: deadline,
                                readsBody: request.readsBody)
        let connectTimeout = limits.connectTimeout
        let publicOnly = limits.publicAddressesOnly
        let result = await connection.thread.run { [context] in
            Self.perform(exchange, on: connection, tls: context, connectTimeout: connectTimeout, publicOnly: publicOnly)
        }
        switch result {
        case .success(let (received, isReusable)):
            pool.release(connection, isReusable: isReusable)
            let response = received.response
            return ClientResponse(status: response.status, headers: response.headers, body: response.body)
        case .failure(let error):
            pool.release(connection, isReusable: false)
            throw error
        }
    }

    /// Refuses new requests, fails waiting ones with `.notSent(.shutDown)` and closes idle
    /// connections; requests in flight finish within their deadlines and then close.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// On the connection's thread: check or open the transport, exchange, retry at most once.
    static func perform(_ exchange: Exchange, on connection: Connection, tls: TLSContext?,
                        connectTimeout: Duration, publicOnly: Bool) -> Result<(ReceivedResponse, Bool), ClientError> {
        var isReused = false
        if let transport = connection.transport {
            isReused = transport.isIdleAndOpen()
            if !isReused { drop(connection) }
        }
        var hasRetried = false
        while true {
            let transport: Transport
            if let open = connection.transport {
                transport = open
            } else {
                do {
                    transport = try Connection.open(connection.endpoint, tls: tls, publicOnly: publicOnly,
                                                    deadline: Deadlines.within(connectTimeout, exchange.deadline))
                } catch {
                    return .failure(error)
                }
                connection.transport = transport
            }
            switch exchange.run(on: transport) {
            case .response(let received, let isReusable):
                if !isReusable { drop(connection) }
                return .success((received, isReusable))
            case .failed(let reason, let progress):
                drop(connection)
                if isReused, !hasRetried, mayRetry(exchange.method, reason, progress) {
                    hasRetried = true
                    isReused = false
                    continue
                }
                return .failure(progress == .nothingWritten ? .notSent(reason) : .maybeSent(reason))
            }
        }
    }

    /// Only a stale kept-alive connection justifies a second try, and only when repeating
    /// cannot duplicate an effect.
    static func mayRetry(_ method: HTTPMethod, _ reason: ClientError.Reason, _ progress: ExchangeOutcome.Progress) -> Bool {
        guard reason == .connectionClosed else { return false }
        switch progress {
        case .nothingWritten: return true
        case .noResponseByte: return method == .get || method == .head
        case .responseStarted: return false
        }
    }

    private static func drop(_ connection: Connection) {
        connection.transport?.close()
        connection.transport = nil
    }

    /// The endpoint and the encoded request, or `.notSent(.invalidRequest)`.
    static func prepare(_ request: ClientRequest) throws(ClientError) -> (Endpoint, [UInt8]) {
        guard let (endpoint, target) = Endpoint.parse(request.url) else {
            throw .notSent(.invalidRequest("URL is not an absolute http or https URL"))
        }
        guard HTTPRequestEncoder.isSendable(method: request.method, target: target) else {
            throw .notSent(.invalidRequest("method or path cannot be sent"))
        }
        var headers = request.headers
        // The authority comes from the URL; a different Host would send the request elsewhere (RFC 9110 §7.2).
        headers.set("Host", endpoint.authority)
        if headers["User-Agent"] == nil { headers.add("User-Agent", userAgent) }
        if let name = HTTPRequestEncoder.unsafeFieldName(in: headers) {
            throw .notSent(.invalidRequest("header field \(name.isEmpty ? "(empty)" : name) cannot be sent"))
        }
        var bytes: [UInt8] = []
        HTTPRequestEncoder.encode(HTTPRequest(method: request.method, target: target, headers: headers, body: request.body),
                                  into: &bytes)
        return (endpoint, bytes)
    }
}
