import Glibc
import HTTP
import HTTPServer
import Synchronization
import TestSupport

/// A live server on 127.0.0.1 and a free port, with routes a test needs.
enum TestServer {
    static func start(limits: ServerLimits = ServerLimits(), loops: Int = 1, observer: (any RequestObserver)? = nil,
                      routes: (inout Router) -> Void = defaultRoutes) throws -> HTTPServer {
        var router = Router()
        routes(&router)
        let responder = Responder(router: router, errorResponder: { error, _ in
            HTTPResponse(status: status(for: error), body: Array("error: \(error)".utf8))
        }, observer: observer)
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

/// Keeps what the server reports of each answered request, with the CPU time the reporting
/// loop thread had used by then: a loop that spins shows there, whatever else the process runs.
final class RecordingObserver: RequestObserver {
    struct Entry: Sendable {
        var method: String
        var route: String
        var requestID: String
        var status: Int
        var loopCPUTime: Duration
    }

    private let entries = Mutex<[Entry]>([])

    func requestFinished(_ request: ServerRequest, status: HTTPStatus, duration: Duration) {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        let entry = Entry(method: request.method.rawValue, route: request.route, requestID: request.requestID,
                          status: status.code, loopCPUTime: .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec))
        entries.withLock { $0.append(entry) }
    }

    /// The first `count` entries, once there are that many; nil if ten seconds pass first.
    func first(_ count: Int) -> [Entry]? {
        for _ in 0..<1000 {
            let taken = entries.withLock { Array($0.prefix(count)) }
            if taken.count == count { return taken }
            pause(milliseconds: 10)
        }
        return nil
    }
}
