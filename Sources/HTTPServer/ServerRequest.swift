import HTTP

/// A parsed request as a handler sees it: the message, its route and path parameters, its id.
public struct ServerRequest: Sendable {
    public var http: HTTPRequest
    /// The matched route pattern, e.g. `/v1/payouts/{id}` (`unmatched` when none matched).
    public var route: String
    /// The matched route's number in its router (see `Router.Match`), nil when none matched:
    /// a key for per-route tables that costs no hashing.
    public var routeIndex: Int?
    public var parameters: [String: String]
    /// The caller's `X-Request-Id` when usable, else one the server made.
    public var requestID: String

    public init(http: HTTPRequest, route: String = "unmatched", routeIndex: Int? = nil, parameters: [String: String] = [:],
                requestID: String = "test") {
        self.http = http
        self.route = route
        self.routeIndex = routeIndex
        self.parameters = parameters
        self.requestID = requestID
    }

    public var method: HTTPMethod { http.method }
    public var path: String { http.path }
    public var headers: HTTPHeaders { http.headers }
    public var body: [UInt8] { http.body }

    /// Query parameters, percent-decoded (`+` as space), in order.
    public var queryItems: [(name: String, value: String)] {
        guard let query = http.query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (PercentDecoding.decode(parts[0]), parts.count > 1 ? PercentDecoding.decode(parts[1]) : "")
        }
    }
}

/// application/x-www-form-urlencoded decoding of query components.
enum PercentDecoding {
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = iterator.next(), low = iterator.next()
                if let h = high.flatMap(hexValue), let l = low.flatMap(hexValue) {
                    bytes.append(h << 4 | l)
                } else {
                    bytes.append(byte)
                    if let high { bytes.append(high) }
                    if let low { bytes.append(low) }
                }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }
}
