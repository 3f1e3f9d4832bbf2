import HTTP
import HTTPServer
import Synchronization

/// A client's webhook endpoint on 127.0.0.1 and a free port: records every request and answers
/// with the scripted statuses in order, then 200.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private final class Recorder: Sendable {
        let state: Mutex<(received: [Received], script: [Int], isHolding: Bool)>
        init(_ script: [Int], holding: Bool) { state = Mutex(([], script, holding)) }
    }

    private let recorder: Recorder
    private let server: HTTPServer

    /// `holding`: every answer waits (at most 30 s) until `release()`, as a stuck receiver would.
    /// `bodyBytes`: the size of each answer's body.
    init(answering script: [Int] = [], holding: Bool = false, bodyBytes: Int = 2) throws {
        let recorder = Recorder(script, holding: holding)
        self.recorder = recorder
        var router = Router()
        router.post("/hook", .async { request in
            let status = recorder.state.withLock { state -> Int in
                state.received.append(Received(headers: request.headers, body: request.body))
                return state.script.isEmpty ? 200 : state.script.removeFirst()
            }
            let until = ContinuousClock.now + .seconds(30)
            while recorder.state.withLock({ $0.isHolding }), ContinuousClock.now < until {
                try await Task.sleep(for: .milliseconds(10))
            }
            return HTTPResponse(status: HTTPStatus(status), body: [UInt8](repeating: UInt8(ascii: "k"), count: bodyBytes))
        })
        let responder = Responder(router: router, errorResponder: { _, _ in HTTPResponse(status: .internalServerError) })
        server = try HTTPServer(host: "127.0.0.1", port: 0, eventLoopCount: 1, responder: responder)
        server.start()
    }

    var url: String { "http://127.0.0.1:\(server.port)/hook" }
    var received: [Received] { recorder.state.withLock { $0.received } }

    /// Lets held answers go, and answers later requests at once.
    func release() { recorder.state.withLock { $0.isHolding = false } }

    func stop() async {
        release()
        server.shutdown()
        await server.waitUntilStopped()
    }
}

/// Polls `condition` every 20 ms until it holds or `seconds` pass. The default is generous: in
/// the parallel stage of `make test` a gateway on two busy cores has taken over 40 s to deliver
/// what it delivers in milliseconds alone; a condition that holds returns at once anyway.
func eventually(seconds: Int = 30, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
