import Crypto
import Foundation
import HTTP
import HTTPServer
import Payouts
import Synchronization

/// A local SingaPay B2B money-out API [singapay.md]: v1.1 token signature (WIB date), Bearer
/// tokens that expire (`SP013`), v2.0 transfer signature over the re-normalized body (`SP016`),
/// duplicate references refused (`SP004`) and never executed twice, a balance (`SP003`), the
/// sandbox account-prefix scenarios of singapay.md §6, signed webhooks, latency and faults.
public final class SingaPaySimulator: Sendable {
    /// How the simulator behaves.
    public struct Options: Sendable {
        /// 0 picks a free port.
        public var port: Int
        public var partnerID: String
        public var clientID: String
        public var clientSecret: String
        /// The one merchant account that exists.
        public var accountID: String
        /// Where webhooks go (`http://host:port/path`); nil sends none.
        public var callbackURL: String?
        /// Added before every answer.
        public var latency: Duration
        /// What goes wrong on the transfer call.
        public var fault: Fault
        /// Balance in rupiah.
        public var balance: Int64
        /// Fee charged on top of each transfer (gross = net + fee [singapay.md §2.1]).
        public var fee: Int64
        /// `expires_in` of issued tokens.
        public var tokenLifetimeSeconds: Int64
        /// How long the slow sandbox scenarios (1004, 1005) stay pending before failing.
        public var slowScenarioDelay: Duration
        /// The simulator's clock: dates token signatures and stamps webhooks.
        public var clock: @Sendable () -> Timestamp

        /// Options with test credentials, 1 billion rupiah and a fee of 2,500.
        public init(port: Int = 0, partnerID: String = "partner-test", clientID: String = "client-test",
                    clientSecret: String = "secret-test", accountID: String = "01K946KF851RK7FX075GJHBVKF",
                    callbackURL: String? = nil, latency: Duration = .zero, fault: Fault = .none,
                    balance: Int64 = 1_000_000_000, fee: Int64 = 2_500, tokenLifetimeSeconds: Int64 = 3600,
                    slowScenarioDelay: Duration = .milliseconds(100),
                    clock: @escaping @Sendable () -> Timestamp = SingaPaySimulator.systemClock) {
            self.port = port
            self.partnerID = partnerID
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.accountID = accountID
            self.callbackURL = callbackURL
            self.latency = latency
            self.fault = fault
            self.balance = balance
            self.fee = fee
            self.tokenLifetimeSeconds = tokenLifetimeSeconds
            self.slowScenarioDelay = slowScenarioDelay
            self.clock = clock
        }
    }

    /// A failure to inject on the transfer call.
    public enum Fault: Sendable, Hashable {
        case none
        /// Nothing listens on the port: every connection is refused.
        case refuseConnections
        /// Transfer answers 500 `SP002` without executing.
        case answerServerError
        /// Transfer executes, then waits this long before answering.
        case answerLateAfterExecuting(Duration)
        /// Transfer executes, then the connection is cut after the head.
        case dropConnectionAfterExecuting
        /// Transfer executes, yet the answer is `SP003`: the case SingaPay's code page covers by
        /// listing SP003 among "need check inquiry status" [singapay.md §5].
        case answerInsufficientAfterExecuting
    }

    /// A transfer SingaPay took and debited (its later failure refunds, but it was executed once).
    public struct ExecutedTransfer: Sendable, Hashable {
        public var reference: String
        public var amount: Money
        public var accountNumber: String
        public var bankCode: String
    }

    /// The wall clock as a `Timestamp`.
    @Sendable public static func systemClock() -> Timestamp {
        Timestamp(microsecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }

    let options: Options
    let book: Mutex<SingaPayBook>
    let fault: Mutex<Fault>
    let listener = SimulatorListener()

    /// A simulator that serves nothing until `start()`.
    public init(options: Options) {
        self.options = options
        self.book = Mutex(SingaPayBook(balance: options.balance))
        self.fault = Mutex(options.fault)
    }

    /// Binds and serves on 127.0.0.1; returns the port (with `.refuseConnections`, a dead one).
    public func start() throws -> Int {
        var router = Router()
        addRoutes(to: &router)
        return try listener.start(port: options.port, refusing: fault.withLock({ $0 }) == .refuseConnections,
                                  routes: router, errorResponse: { Self.json(500, ["response_code": "SP002", "response_message": "General Failure"]) })
    }

    /// Stops serving and waits for the loop to end.
    public func stop() async {
        await listener.stop()
    }

    /// Every transfer executed so far, in order.
    public var executedTransfers: [ExecutedTransfer] { book.withLock { $0.executed } }

    /// Balance left, in rupiah.
    public var balance: Int64 { book.withLock { $0.balance } }

    /// Tokens issued so far (to prove caching and renewal).
    public var tokensIssued: Int { book.withLock { $0.tokensIssued } }

    /// Expires every token now: the next call with one answers `SP013`.
    public func expireTokens() { book.withLock { $0.tokens.removeAll() } }

    /// Changes the injected fault for later transfers.
    public func setFault(_ newFault: Fault) { fault.withLock { $0 = newFault } }

    static func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        HTTPResponse(status: HTTPStatus(status), headers: HTTPHeaders([("Content-Type", "application/json")]),
                     body: SingaPayCanonical.bytes(object))
    }
}

/// The signed form as SingaPay's server rebuilds it [singapay.md §1.4], written independently of
/// the adapter's: keys sorted by code point at every depth, no whitespace, "/" and non-ASCII kept.
enum SingaPayCanonical {
    static func bytes(_ value: Any) -> [UInt8] {
        var out = ""
        write(value, into: &out)
        return Array(out.utf8)
    }

    static func write(_ value: Any, into out: inout String) {
        switch value {
        case let text as String:
            out += "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "\""
        case let object as [String: Any]:
            let keys = object.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            out += "{" + keys.map { key in
                var member = ""
                write(key, into: &member)
                member += ":"
                write(object[key]!, into: &member)
                return member
            }.joined(separator: ",") + "}"
        case let array as [Any]:
            out += "[" + array.map { element in
                var item = ""
                write(element, into: &item)
                return item
            }.joined(separator: ",") + "]"
        case is NSNull:
            out += "null"
        default:
            out += "\(value)"
        }
    }
}
