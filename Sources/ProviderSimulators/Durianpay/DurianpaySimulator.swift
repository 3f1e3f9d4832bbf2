import Foundation
import HTTP
import HTTPServer
import Payouts
import Synchronization

/// A local Durianpay legacy disbursement API [seed-000][seed-001][durianpay.md §2]: Basic auth
/// checked, `idempotency_key` enforced (a repeat is refused with the documented 403 and never
/// executed), one balance, signed webhooks, and injectable latency and faults.
///
/// Durianpay's legacy sandbox has no magic values: outcomes are set by hand in its dashboard
/// [durianpay.md §6]. This simulator follows durianpay.md §6's proposal and decides by the
/// account number, so tests can script every documented item outcome:
/// - `0`, `1` or a `9999…` number, or an unknown bank code: item `invalid` (validation fails,
///   as in the seed's sample with `Invalid BankCode/AccountNumber`);
/// - `8888…`: item `failed` after processing (no money moves);
/// - `7777…`: item stays `processing` until `complete(batchID:succeeded:)` (the dashboard simulator);
/// - anything else: item `done`.
/// An item larger than the balance fails with `failure_reason` "insufficient balance".
public final class DurianpaySimulator: Sendable {
    /// How the simulator behaves.
    public struct Options: Sendable {
        /// 0 picks a free port.
        public var port: Int
        /// The only accepted server key (Basic auth user name, webhook HMAC key).
        public var serverKey: String
        /// Where webhooks go (`http://host:port/path`); nil sends none.
        public var callbackURL: String?
        /// Added before every answer.
        public var latency: Duration
        /// What goes wrong on `POST /v1/disbursements/submit`.
        public var fault: Fault
        /// The prefunded balance in rupiah.
        public var balance: Int64

        /// Options with a sandbox-looking key, no callbacks, no latency, no fault and 1 billion rupiah.
        public init(port: Int = 0, serverKey: String = "dp_test_XXXXXXXXXXXX", callbackURL: String? = nil,
                    latency: Duration = .zero, fault: Fault = .none, balance: Int64 = 1_000_000_000) {
            self.port = port
            self.serverKey = serverKey
            self.callbackURL = callbackURL
            self.latency = latency
            self.fault = fault
            self.balance = balance
        }
    }

    /// A failure to inject on submit.
    public enum Fault: Sendable, Hashable {
        case none
        /// Nothing listens on the port: every connection is refused.
        case refuseConnections
        /// Submit answers the documented 500 without creating anything.
        case answerServerError
        /// Submit executes, then waits this long before answering (past the client's deadline).
        case answerLateAfterExecuting(Duration)
        /// Submit executes, then the connection is cut after the status line and headers.
        case dropConnectionAfterExecuting
    }

    /// A transfer that moved money: one per item that reached `done`.
    public struct ExecutedTransfer: Sendable, Hashable {
        /// The batch's `idempotency_key`.
        public var reference: String
        public var amount: Money
        public var accountNumber: String
        public var bankCode: String
    }

    let options: Options
    let state: Mutex<DurianpayLedger>
    let listener = SimulatorListener()
    let fault: Mutex<Fault>

    /// A simulator that serves nothing until `start()`.
    public init(options: Options) {
        self.options = options
        self.state = Mutex(DurianpayLedger(balance: options.balance))
        self.fault = Mutex(options.fault)
    }

    /// Binds and serves on 127.0.0.1; returns the port. With `.refuseConnections`, returns a
    /// port where nothing listens.
    public func start() throws -> Int {
        var router = Router()
        addRoutes(to: &router)
        return try listener.start(port: options.port, refusing: fault.withLock({ $0 }) == .refuseConnections,
                                  routes: router, errorResponse: { Self.json(500, ["error": "internal error", "error_code": "DPAY_INTERNAL_ERROR"]) })
    }

    /// Stops serving and waits for the loop to end.
    public func stop() async {
        await listener.stop()
    }

    /// Every transfer executed so far, in order.
    public var executedTransfers: [ExecutedTransfer] { state.withLock { $0.executed } }

    /// The balance left, in rupiah.
    public var balance: Int64 { state.withLock { $0.balance } }

    /// Changes the injected fault for later submits (`.refuseConnections` only applies at start).
    public func setFault(_ newFault: Fault) { fault.withLock { $0 = newFault } }

    /// Finishes `processing` items of a batch, as the dashboard's sandbox simulator does
    /// [durianpay.md §6], and sends `disbursement.completed`.
    public func complete(batchID: String, succeeded: Bool) {
        let webhooks = state.withLock { $0.complete(batchID: batchID, succeeded: succeeded) }
        send(webhooks)
    }

    func send(_ webhooks: [DurianpayLedger.Webhook]) {
        // Stopped: the receiver's port may belong to someone else by now.
        guard listener.isServing else { return }
        guard let url = options.callbackURL, !webhooks.isEmpty else { return }
        let key = options.serverKey
        let bodies = webhooks.map { $0.body(serverKey: key) }
        // In order, on one thread: validation_completed before completed, as Durianpay sends them.
        let thread = Thread {
            guard let (host, port, target) = LoopbackWebhookPost.split(url) else { return }
            for body in bodies {
                LoopbackWebhookPost.deliver(host: host, port: port, target: target,
                                            headers: [("Content-Type", "application/json")], body: body)
            }
        }
        thread.start()
    }

    static func json(_ status: Int, _ object: Any) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return HTTPResponse(status: HTTPStatus(status), headers: HTTPHeaders([("Content-Type", "application/json")]),
                            body: Array(data))
    }
}
