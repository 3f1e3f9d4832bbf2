import HTTP

/// How a route answers.
public enum Handler: Sendable {
    /// Runs on the event loop thread: only for work that never waits (health, metrics).
    case inline(@Sendable (ServerRequest) throws -> HTTPResponse)
    /// Runs as a task off the event loop; may wait on the database or a provider.
    case async(@Sendable (ServerRequest) async throws -> HTTPResponse)
}

/// Turns any error thrown while answering into a response. The gateway supplies the one
/// place where errors become problem documents.
public typealias ErrorResponder = @Sendable (any Error, ServerRequest) -> HTTPResponse

/// Sees every answered request; called on the event loop thread, so it must be quick.
public protocol RequestObserver: Sendable {
    func requestFinished(_ request: ServerRequest, status: HTTPStatus, duration: Duration)
}
