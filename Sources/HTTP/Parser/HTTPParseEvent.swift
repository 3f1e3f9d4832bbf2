/// What the parser reports after consuming bytes.
public enum HTTPParseEvent: Sendable {
    /// A complete request with its whole body; the parser is ready for the next pipelined one.
    case request(HTTPRequest)
    /// The head asked for `Expect: 100-continue` and its declared body is within limits
    /// (RFC 9110 §10.1.1): the server may send `100 Continue` before the body arrives.
    case expectContinue
}
