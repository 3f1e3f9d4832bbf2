import Foundation
import HTTP
import HTTPClient
import HTTPServer
import Payouts
import ProviderSimulators
import Synchronization

/// Shared fixtures for the provider tests: clients with short deadlines, banks, a callback inbox.
enum ProviderFixtures {
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func client(deadline: Duration = .seconds(2)) -> HTTPClient {
        HTTPClient(limits: ClientLimits(connectTimeout: .milliseconds(500), writeTimeout: deadline,
                                        readTimeout: deadline, totalTimeout: deadline))
    }

    static let bca = Bank(id: "bca", name: "Bank Central Asia (BCA)", biCode: "014", swiftCode: "CENAIDJA")
    static let bni = Bank(id: "bni", name: "Bank Negara Indonesia (BNI)", biCode: "009", swiftCode: "BNINIDJA")

    static func submission(_ account: String, amount: Int64 = 50_000, clearing: Clearing = .online, bank: Bank = bca,
                           payout: String = "po_\(UUID().uuidString.prefix(8))", token: String? = nil) -> PayoutSubmission {
        PayoutSubmission(payoutID: payout, attempt: 1, amount: Money(rupiah: amount)!,
                         beneficiary: Beneficiary(bank: bank, accountNumber: account, accountName: "Test Account"),
                         clearing: clearing, description: "test payout", inquiryToken: token)
    }
}

/// A live server that keeps every callback POSTed to it, as the gateway's callback route would.
final class CallbackInbox: Sendable {
    let server: HTTPServer
    private final class Store: Sendable {
        let items = Mutex<[ProviderCallback]>([])
    }

    private let store = Store()

    init() throws {
        let store = self.store
        var router = Router()
        router.post("/v1/callbacks/{provider}", .inline { request in
            let callback = ProviderCallback(headers: request.headers.fields, body: request.body, path: request.path)
            store.items.withLock { $0.append(callback) }
            return HTTPResponse(status: .ok, body: Array("SUCCESS".utf8))
        })
        let responder = Responder(router: router, errorResponder: { _, _ in HTTPResponse(status: .internalServerError) })
        server = try HTTPServer(host: "127.0.0.1", port: 0, eventLoopCount: 1, responder: responder)
        server.start()
    }

    func url(_ provider: String) -> String { "http://127.0.0.1:\(server.port)/v1/callbacks/\(provider)" }

    /// Waits up to two seconds for the `count`-th callback.
    func waitFor(count: Int = 1) async -> [ProviderCallback] {
        for _ in 0..<200 {
            let now = store.items.withLock { $0 }
            if now.count >= count { return now }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return store.items.withLock { $0 }
    }

    func stop() async {
        server.shutdown()
        await server.waitUntilStopped()
    }
}
