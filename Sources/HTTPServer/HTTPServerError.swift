import HTTP

/// What went wrong before or around a handler; the error responder turns it into a response.
public enum HTTPServerError: Error, Sendable, Equatable {
    /// The bytes were not a request the server accepts (400, 413, 431, 501, 505).
    case malformedRequest(HTTPParseError)
    case routeNotFound(path: String)
    case methodNotAllowed(allowed: [HTTPMethod])
    /// The handler did not answer within `ServerLimits.handlerDeadline`.
    case handlerTimedOut
    /// The request did not arrive within `ServerLimits.headerReadTimeout`.
    case requestTimedOut
    /// Too many open connections.
    case overloaded
}
