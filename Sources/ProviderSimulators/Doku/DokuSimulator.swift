import Crypto
import Foundation
import HTTP
import HTTPServer
import Payouts
import Synchronization

/// A local DOKU RDL disbursement API [seed-002]: `POST /sac-rdl/v1/rdl-disbursements` with the
/// request signature checked (401 when wrong), field limits checked (400), a signed answer
/// (`PENDING`), one execution per `transaction.id` or `Request-Id` (a duplicate is answered with
/// the first answer's current state and executes nothing — DOKU only says the id "protects
/// duplicate requests", doku.md §5), and a signed notification when the transfer settles.
///
/// DOKU publishes no RDL test scenarios (doku.md §6), so these are the simulator's own: account
/// `1111111111` fails, and an amount above the balance fails; anything else succeeds.
public final class DokuSimulator: Sendable {
    /// The client the simulator knows.
    public struct Credentials: Sendable {
        public var clientID: String
        public var secretKey: String

        public init(clientID: String, secretKey: String) {
            self.clientID = clientID
            self.secretKey = secretKey
        }

        /// The client id of DOKU's samples and the made-up key of doku.md §1.3.
        public static let example = Credentials(clientID: "MCH-0001-10791114622547", secretKey: "SK-EXAMPLE-SECRET-KEY")
    }

    /// The account number that always fails.
    public static let failingAccount = "1111111111"
    static let path = "/sac-rdl/v1/rdl-disbursements"

    struct Record {
        var requestID: String
        /// The request body as received (bytes, so the record is Sendable).
        var body: [UInt8]
        var status: String
    }

    struct Ledger {
        var balance: Int64
        var records: [String: Record] = [:]
        var requestIDs: [String: String] = [:]
        var executed: [ExecutedTransfer] = []
    }

    let options: SimulatorOptions
    let credentials: Credentials
    let ledger: Mutex<Ledger>
    let host: Mutex<SimulatorHost?> = Mutex(nil)

    /// A simulator; call `start()` to listen.
    public init(options: SimulatorOptions, credentials: Credentials = .example) {
        self.options = options
        self.credentials = credentials
        self.ledger = Mutex(Ledger(balance: options.balance.rupiah))
    }

    /// Listens on 127.0.0.1 and returns the bound port.
    public func start() throws -> Int {
        let host = SimulatorHost(options: options) { [self] router in
            guard let host = self.host.withLock({ $0 }) else { return }
            router.post(Self.path, host.moneyMoving { [self] in disburse($0) })
        }
        self.host.withLock { $0 = host }
        return try host.start(port: options.port)
    }

    /// Stops listening.
    public func stop() async {
        await host.withLock { $0 }?.stop()
    }

    /// Changes the injected fault (see `SimulatorFault`).
    public func setFault(_ fault: SimulatorFault) async throws {
        try await host.withLock { $0 }?.setFault(fault)
    }

    /// Every transfer executed so far, in order.
    public var executedTransfers: [ExecutedTransfer] { ledger.withLock { $0.executed } }

    /// The deposit left.
    public var balance: Money { Money(rupiah: ledger.withLock { $0.balance }) ?? .zero }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func parseTimestamp(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }

    /// HMACSHA256= base64 over the component lines (doku.md §1.2).
    func signature(requestID: String, timestampName: String, timestamp: String, target: String, body: [UInt8]) -> String {
        let lines = ["Client-Id:\(credentials.clientID)", "Request-Id:\(requestID)", "\(timestampName):\(timestamp)",
                     "Request-Target:\(target)", "Digest:\(Base64.encode(Digest.sha256(body)))"]
        return "HMACSHA256=" + Base64.encode(HMAC.sha256(key: credentials.secretKey, message: lines.joined(separator: "\n")))
    }
}
