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
        let state: Mutex<(received: [Received], script: [Int])>
        init(_ script: [Int]) { state = Mutex(([], script)) }
    }

    private let recorder: Recorder
    private let server: HTTPServer

    init(answering script: [Int] = []) throws {
        let recorder = Recorder(script)
        self.recorder = recorder
        var router = Router()
        router.post("/hook", .inline { request in
            let status = recorder.state.withLock { state -> Int in
                state.received.append(Received(headers: request.headers, body: request.body))
                return state.script.isEmpty ? 200 : state.script.removeFirst()
            }
            return HTTPResponse(status: HTTPStatus(status), body: Array("ok".utf8))
        })
        let responder = Responder(router: router, errorResponder: { _, _ in HTTPResponse(status: .internalServerError) })
        server = try HTTPServer(host: "127.0.0.1", port: 0, eventLoopCount: 1, responder: responder)
        server.start()
    }

    var url: String { "http://127.0.0.1:\(server.port)/hook" }
    var received: [Received] { recorder.state.withLock { $0.received } }

    func stop() async {
        server.shutdown()
        await server.waitUntilStopped()
    }
}

/// Polls `condition` every 20 ms until it holds or `seconds` pass.
func eventually(seconds: Int = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
