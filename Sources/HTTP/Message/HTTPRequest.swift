/// One parsed HTTP/1.1 request with its whole body.
public struct HTTPRequest: Sendable {
    /// The method token as sent; methods are case-sensitive (RFC 9110 §9.1).
    public var method: HTTPMethod
    /// The request-target as sent: origin-form, `*` for OPTIONS, or absolute-form (RFC 9112 §3.2),
    /// whose `path` and `query` are those of the origin-form it stands for.
    public var target: String
    /// The path part of the target, not percent-decoded.
    public var path: String
    /// The query part after `?`, not percent-decoded; nil when absent.
    public var query: String?
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// The header fields; trailer fields of a chunked body are not included.
    public var headers: HTTPHeaders
    /// The decoded body: chunked framing removed, empty when none was sent.
    public var body: [UInt8]

    /// A request whose `path` and `query` are split from `target` at the first `?`.
    public init(method: HTTPMethod, target: String, minorVersion: Int = 1,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        // Scanning UTF-8 bytes rather than Characters: the target is ASCII and this is per request.
        if let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.path = String(target[..<q])
            self.query = String(target[target.utf8.index(after: q)...])
        } else {
            self.path = target
            self.query = nil
        }
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    /// A request whose path and query the parser has already split from the bytes.
    init(method: HTTPMethod, target: String, path: String, query: String?, minorVersion: Int,
         headers: HTTPHeaders, body: [UInt8]) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    /// Whether the connection may stay open after this request (RFC 9112 §9.3).
    public var isKeepAlive: Bool {
        var isClose = false
        var isKeepAliveListed = false
        for field in headers where field.name.utf8.count == 10 && HTTPHeaders.equalsIgnoringCase(field.name, "Connection") {
            isClose = isClose || Self.lists(field.value, option: "close")
            isKeepAliveListed = isKeepAliveListed || Self.lists(field.value, option: "keep-alive")
        }
        return minorVersion == 0 ? isKeepAliveListed && !isClose : !isClose
    }

    /// Whether a comma-separated `Connection` value (RFC 9110 §7.6.1) lists `option`, which is lowercase;
    /// options compare case-insensitively with OWS trimmed, without allocating.
    static func lists(_ value: String, option: String) -> Bool {
        let utf8 = value.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: ",")) ?? utf8.endIndex
            var element = utf8[start..<end]
            while let first = element.first, ByteClass.isWhitespace(first) { element = element.dropFirst() }
            while let last = element.last, ByteClass.isWhitespace(last) { element = element.dropLast() }
            if element.count == option.utf8.count,
               zip(element, option.utf8).allSatisfy({ ByteClass.lowercased($0) == $1 }) {
                return true
            }
            start = end == utf8.endIndex ? end : utf8.index(after: end)
        }
        return false
    }
}
