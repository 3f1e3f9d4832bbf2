/// A request method token (RFC 9110 §9). Unknown tokens are kept, so the router can answer 405 or 501.
public struct HTTPMethod: Sendable, Hashable, CustomStringConvertible {
    /// The token as sent.
    public let rawValue: String
    /// A method from its token; not validated here (the parser does that).
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The token itself.
    public var description: String { rawValue }

    public static let get = HTTPMethod("GET")
    public static let head = HTTPMethod("HEAD")
    public static let post = HTTPMethod("POST")
    public static let put = HTTPMethod("PUT")
    public static let patch = HTTPMethod("PATCH")
    public static let delete = HTTPMethod("DELETE")
    public static let options = HTTPMethod("OPTIONS")
}
