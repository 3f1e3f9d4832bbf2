import Foundation
import HTTP
import HTTPServer
import Payouts
import Synchronization

/// A local Duitku disbursement API [seed-004]: the documented paths (sandbox and production
/// names), signatures checked (`-191`), 5-minute timestamps (`-960`), the sandbox scenario
/// tables, a balance (`-510`), one execution per `disburseId` (`-142` on a repeat) and the
/// signed H2H clearing callback after `80`.
public final class DuitkuSimulator: Sendable {
    /// The merchant the simulator knows.
    public struct Credentials: Sendable {
        public var userID: Int
        public var email: String
        public var secretKey: String

        public init(userID: Int, email: String, secretKey: String) {
            self.userID = userID
            self.email = email
            self.secretKey = secretKey
        }

        /// Duitku's published sandbox merchant (duitku.md §1, §6).
        public static let sandbox = Credentials(
            userID: 3551, email: "test@chakratechnology.com",
            secretKey: "de56f832487bc1ce1de5ff2cfacf8d9486c61da69df6fd61d5537b6b7d6d354d")
    }

    struct Inquiry {
        var type: String?
        var bankCode: String
        var bankAccount: String
        var amount: Int64
        var accountName: String
        var custRefNumber: String
    }

    enum Settlement {
        case succeeded, pending, failed(String)
        /// Paid, not yet recorded on the remittance gateway: the next status check answers `NF`.
        case recordedLate
    }

    struct Ledger {
        var balance: Int64
        var nextID: Int64 = 125_324_342
        var inquiries: [String: Inquiry] = [:]
        var transfers: [String: Settlement] = [:]
        var executed: [ExecutedTransfer] = []
    }

    let options: SimulatorOptions
    let credentials: Credentials
    let ledger: Mutex<Ledger>
    let host: Mutex<SimulatorHost?> = Mutex(nil)

    /// A simulator; call `start()` to listen.
    public init(options: SimulatorOptions, credentials: Credentials = .sandbox) {
        self.options = options
        self.credentials = credentials
        self.ledger = Mutex(Ledger(balance: options.balance.rupiah))
    }

    /// Listens on 127.0.0.1 and returns the bound port.
    public func start() throws -> Int {
        let host = SimulatorHost(options: options) { [self] router in addRoutes(&router) }
        self.host.withLock { $0 = host }
        return try host.start(port: options.port)
    }

    /// Stops listening; answers in flight get a short drain.
    public func stop() async {
        await host.withLock { $0 }?.stop()
    }

    /// Changes the injected fault (see `SimulatorFault`).
    public func setFault(_ fault: SimulatorFault) async throws {
        try await host.withLock { $0 }?.setFault(fault)
    }

    /// Every transfer executed so far, in order.
    public var executedTransfers: [ExecutedTransfer] { ledger.withLock { $0.executed } }

    /// The deposit left, in rupiah.
    public var balance: Money { Money(rupiah: ledger.withLock { $0.balance }) ?? .zero }

    private func addRoutes(_ router: inout Router) {
        guard let host = host.withLock({ $0 }) else { return }
        for sandbox in [true, false] {
            let suffix = sandbox ? "sandbox" : ""
            let base = "/webapi/api/disbursement/"
            router.post(base + "inquiry" + suffix, host.plain { [self] in answer(inquiry($0, clearing: false)) })
            router.post(base + "inquiryclearing" + suffix, host.plain { [self] in answer(inquiry($0, clearing: true)) })
            router.post(base + "transfer" + suffix, host.moneyMoving { [self] in answer(transfer($0, clearing: false)) })
            router.post(base + "transferclearing" + suffix,
                        host.moneyMoving { [self] in answer(transfer($0, clearing: true)) })
        }
        router.post("/webapi/api/disbursement/inquirystatus", host.plain { [self] in answer(status($0)) })
        router.post("/webapi/api/disbursement/checkbalance", host.plain { [self] in answer(checkBalance($0)) })
        router.post("/webapi/api/disbursement/listBank", host.plain { [self] in answer(listBank($0)) })
    }

    /// Duitku answers HTTP 200 with the outcome in `responseCode` [seed-004].
    func answer(_ fields: [String: Any]) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: .ok, headers: headers, body: Array(body))
    }
}
