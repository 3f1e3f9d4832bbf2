import HTTP
import HTTPClient
import HTTPServer
import Payouts
import Synchronization

/// Receives provider webhooks on 127.0.0.1 and a free port, keeping them raw for `verifyCallback`.
final class LoopbackCallbackInbox: Sendable {
    let server: HTTPServer
    private let received = CallbackList()

    init() throws {
        let received = self.received
        var router = Router()
        router.post("/callbacks/{provider}", .inline { request in
            let callback = ProviderCallback(headers: request.headers.fields, body: request.body, path: request.http.target)
            received.list.withLock { $0.append(callback) }
            return HTTPResponse(status: .ok, body: Array(#"{"status":"ok"}"#.utf8))
        })
        let responder = Responder(router: router, errorResponder: { _, _ in HTTPResponse(status: .internalServerError) })
        server = try HTTPServer(host: "127.0.0.1", port: 0, eventLoopCount: 1, responder: responder)
        server.start()
    }

    func url(_ provider: String) -> String { "http://127.0.0.1:\(server.port)/callbacks/\(provider)" }

    /// Waits up to `timeout` until `count` callbacks have arrived; returns them all.
    func wait(for count: Int, timeout: Duration = .seconds(3)) async throws -> [ProviderCallback] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let now = received.list.withLock { $0 }
            if now.count >= count { return now }
            try await Task.sleep(for: .milliseconds(10))
        }
        return received.list.withLock { $0 }
    }

    func stop() async {
        server.shutdown()
        await server.waitUntilStopped()
    }
}

/// Callbacks as they arrived.
final class CallbackList: Sendable {
    let list = Mutex<[ProviderCallback]>([])
}

/// A client whose every deadline is short, so faults cost tests little time.
func shortDeadlineClient() -> HTTPClient {
    HTTPClient(limits: ClientLimits(connectTimeout: .milliseconds(300), writeTimeout: .milliseconds(300),
                                    readTimeout: .milliseconds(300), totalTimeout: .milliseconds(300)))
}

/// A fixed instant: 2026-08-21 10:00:00 WIB (03:00 UTC).
let providerTestNow = Timestamp(secondsSinceEpoch: 1_787_281_200)

func providerTestBank(_ code: String) -> Bank { BankDirectory.standard.lookup(code)! }
