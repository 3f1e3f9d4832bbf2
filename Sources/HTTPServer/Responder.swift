import HTTP

/// Routes a request, runs its handler and turns errors into responses. The live server and
/// in-process tests both answer through it, so they cannot disagree.
public struct Responder: Sendable {
    public let router: Router
    public let errorResponder: ErrorResponder
    public let observer: (any RequestObserver)?

    public init(router: Router, errorResponder: @escaping ErrorResponder, observer: (any RequestObserver)? = nil) {
        self.router = router
        self.errorResponder = errorResponder
        self.observer = observer
    }

    /// Either an answer ready now or work to run off the event loop.
    enum Resolution {
        case ready(HTTPResponse)
        case deferred(@Sendable (ServerRequest) async throws -> HTTPResponse)
    }

    func resolve(_ request: inout ServerRequest) -> Resolution {
        switch router.match(request.method, path: request.path) {
        case .notFound:
            return .ready(errorResponder(HTTPServerError.routeNotFound(path: request.path), request))
        case .methodNotAllowed(let allowed):
            var response = errorResponder(HTTPServerError.methodNotAllowed(allowed: allowed), request)
            response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
            return .ready(response)
        case .found(let handler, let route, let parameters, let index):
            request.route = route
            request.routeIndex = index
            request.parameters = parameters
            switch handler {
            case .inline(let body):
                do { return .ready(try body(request)) } catch { return .ready(errorResponder(error, request)) }
            case .async(let body):
                return .deferred(body)
            }
        }
    }

    /// Runs a deferred handler, mapping a thrown error through the error responder.
    static func run(_ body: @Sendable (ServerRequest) async throws -> HTTPResponse, _ request: ServerRequest,
                    errorResponder: ErrorResponder) async -> HTTPResponse {
        do { return try await body(request) } catch { return errorResponder(error, request) }
    }

    /// Answers a request in process, exactly as the live server would apart from the wire.
    public func respond(to http: HTTPRequest, requestID: String = RequestID.make()) async -> HTTPResponse {
        var request = ServerRequest(http: http, requestID: requestID)
        var response: HTTPResponse
        switch resolve(&request) {
        case .ready(let ready): response = ready
        case .deferred(let body): response = await Self.run(body, request, errorResponder: errorResponder)
        }
        response.headers.set(RequestID.header, request.requestID)
        return response
    }
}
