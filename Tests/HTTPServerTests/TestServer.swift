import HTTP
import HTTPServer

/// A live server on 127.0.0.1 and a free port, with routes a test needs.
enum TestServer {
    static func start(limits: ServerLimits = ServerLimits(), loops: Int = 1,
                      routes: (inout Router) -> Void = defaultRoutes) throws -> HTTPServer {
        var router = Router()
        routes(&router)
        let responder = Responder(router: router, errorResponder: { error, _ in
            HTTPResponse(status: status(for: error), body: Array("error: \(error)".utf8))
        })
        let server = try HTTPServer(host: "127.0.0.1", port: 0, eventLoopCount: loops, limits: limits, responder: responder)
        server.start()
        return server
    }

    static func status(for error: any Error) -> HTTPStatus {
        switch error as? HTTPServerError {
        case .malformedRequest(let parse): parse.status
        case .routeNotFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .handlerTimedOut: .gatewayTimeout
        case .requestTimedOut: .requestTimeout
        case .overloaded: .serviceUnavailable
        case nil: .internalServerError
        }
    }

    static func defaultRoutes(_ router: inout Router) {
        router.get("/hello", .inline { _ in HTTPResponse(status: .ok, body: Array("hello".utf8)) })
        router.post("/echo", .async { request in HTTPResponse(status: .ok, body: request.body) })
        router.get("/items/{id}", .inline { request in
            HTTPResponse(status: .ok, body: Array("item \(request.parameters["id"] ?? "")".utf8))
        })
        router.get("/sleep/{ms}", .async { request in
            let ms = Int(request.parameters["ms"] ?? "0") ?? 0
            try await Task.sleep(for: .milliseconds(ms))
            return HTTPResponse(status: .ok, body: Array("slept \(ms)".utf8))
        })
        router.get("/fail", .inline { _ in throw CancellationError() })
    }

    /// Stops the server and waits for its loops to end.
    static func stop(_ server: HTTPServer) async {
        server.shutdown()
        await server.waitUntilStopped()
    }
}
