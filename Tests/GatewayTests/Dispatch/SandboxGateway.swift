import Foundation
@testable import Gateway
import Payouts
import ProviderSimulators
import Sockets
import TestSupport

/// The four provider simulators on free loopback ports, calling back into a gateway whose
/// port is reserved before they start, so callbacks reach it (and a restarted one).
struct Sandbox {
    let gatewayPort: Int
    let duitku: DuitkuSimulator
    let durianpay: DurianpaySimulator
    let doku: DokuSimulator
    let singapay: SingaPaySimulator
    let ports: [ProviderName: Int]

    static func start(latency: Duration = .zero, duitkuFault: SimulatorFault = .none,
                      singapayFault: SingaPaySimulator.Fault = .none) throws -> Sandbox {
        let gatewayPort = try freePort()
        let base = "http://127.0.0.1:\(gatewayPort)/v1/callbacks/"
        let duitku = DuitkuSimulator(options: SimulatorOptions(callbackURL: base + "duitku", latency: latency, fault: duitkuFault))
        let durianpay = DurianpaySimulator(options: .init(callbackURL: base + "durianpay", latency: latency))
        let doku = DokuSimulator(options: SimulatorOptions(callbackURL: base + "doku", latency: latency))
        let singapay = SingaPaySimulator(options: .init(callbackURL: base + "singapay", latency: latency, fault: singapayFault))
        let ports: [ProviderName: Int] = [.duitku: try duitku.start(), .durianpay: try durianpay.start(),
                                          .doku: try doku.start(), .singapay: try singapay.start()]
        return Sandbox(gatewayPort: gatewayPort, duitku: duitku, durianpay: durianpay, doku: doku, singapay: singapay,
                       ports: ports)
    }

    /// The gateway's provider variables for these simulators' sandbox credentials.
    var environment: [String: String] {
        [
            "PORT": String(gatewayPort),
            "DUITKU_BASE_URL": "http://127.0.0.1:\(ports[.duitku]!)", "DUITKU_USER_ID": "3551",
            "DUITKU_EMAIL": DuitkuSimulator.Credentials.sandbox.email,
            "DUITKU_SECRET_KEY": DuitkuSimulator.Credentials.sandbox.secretKey, "DUITKU_SANDBOX": "true",
            "DURIANPAY_BASE_URL": "http://127.0.0.1:\(ports[.durianpay]!)", "DURIANPAY_SECRET_KEY": "dp_test_XXXXXXXXXXXX",
            "DOKU_BASE_URL": "http://127.0.0.1:\(ports[.doku]!)", "DOKU_CLIENT_ID": DokuSimulator.Credentials.example.clientID,
            "DOKU_SECRET_KEY": DokuSimulator.Credentials.example.secretKey,
            "DOKU_SOURCE_ACCOUNT_ID": "2340211124151729152107164433893000196019",
            "SINGAPAY_BASE_URL": "http://127.0.0.1:\(ports[.singapay]!)", "SINGAPAY_PARTNER_ID": "partner-test",
            "SINGAPAY_CLIENT_ID": "client-test", "SINGAPAY_CLIENT_SECRET": "secret-test",
            "SINGAPAY_ACCOUNT_ID": "01K946KF851RK7FX075GJHBVKF",
        ]
    }

    /// Amounts of every transfer the simulators executed (money left a deposit), all providers.
    var executedAmounts: [Int64] {
        duitku.executedTransfers.map(\.amount.rupiah) + durianpay.executedTransfers.map(\.amount.rupiah)
            + doku.executedTransfers.map(\.amount.rupiah) + singapay.executedTransfers.map(\.amount.rupiah)
    }

    func stop() async {
        await duitku.stop()
        await durianpay.stop()
        await doku.stop()
        await singapay.stop()
    }

    /// A port nobody listens on right now (bound, read, released).
    static func freePort() throws -> Int {
        let socket = try Socket.bindWithoutListening(on: SocketAddress.resolve(host: "127.0.0.1", port: 0)[0])
        defer { socket.close() }
        return try socket.localAddress().port
    }
}

/// A gateway with its dispatcher running against a sandbox.
struct DispatchHarness {
    let sandbox: Sandbox
    let gateway: GatewayHarness
    let key: String

    static func start(latency: Duration = .zero, duitkuFault: SimulatorFault = .none,
                      singapayFault: SingaPaySimulator.Fault = .none,
                      environment: [String: String] = [:]) async throws -> DispatchHarness {
        let sandbox = try Sandbox.start(latency: latency, duitkuFault: duitkuFault, singapayFault: singapayFault)
        let gateway = try await GatewayHarness.start(environment: sandbox.environment.merging([
            "DISPATCH_WORKERS": "4", "RECONCILE_BACKOFF_MS": "100", "PROVIDER_TIMEOUT_SECONDS": "1",
        ]) { $1 }.merging(environment) { $1 })
        let key = try await gateway.key([.payoutsWrite, .payoutsRead, .admin, .ledgerRead])
        return DispatchHarness(sandbox: sandbox, gateway: gateway, key: key)
    }

    func stop() async throws {
        try await gateway.stop()
        await sandbox.stop()
    }

    /// Creates a payout and returns its id.
    func pay(amount: Int64 = 150_000, bank: String = "014", account: String, provider: String? = nil,
             clearing: String? = nil) async throws -> String {
        var extra = ""
        if let provider { extra += #","provider":"\#(provider)""# }
        if let clearing { extra += #","clearing":"\#(clearing)""# }
        let answer = try await gateway.createPayout(payoutBody(amount: String(amount), bank: bank, accountNumber: account,
                                                               extra: extra), key: key)
        guard answer.status == 202, let id = answer.json["id"] as? String else {
            throw HarnessError("create answered \(answer.status): \(answer.body)")
        }
        return id
    }

    /// Polls the payout until its status is one of `statuses`; returns it as JSON.
    func wait(_ id: String, for statuses: Set<String> = ["succeeded", "failed", "needs_review"],
              timeout: Duration = .seconds(15)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let answer = try await gateway.get("/v1/payouts/\(id)", key: key)
            if let status = answer.json["status"] as? String, statuses.contains(status) { return answer.json }
            if ContinuousClock.now > deadline { throw HarnessError("payout \(id) still \(answer.json["status"] ?? "?")") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The body of the callback stored for `id` with `effect`, waiting for it: a callback's row is
    /// written just after the change it made, so the payout may be seen changed a moment earlier.
    func storedCallback(_ id: String, effect: String, timeout: Duration = .seconds(5)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let body = try await gateway.column("""
                SELECT convert_from(body, 'UTF8') FROM provider_callbacks WHERE payout_id = '\(id)' AND effect = '\(effect)'
                """).first.flatMap({ $0 }) {
                return body
            }
            if ContinuousClock.now > deadline { throw HarnessError("no \(effect) callback stored for payout \(id)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// `provider/state` of each attempt, oldest first.
    func attempts(_ id: String) async throws -> [String] {
        try await gateway.column("""
            SELECT provider || '/' || state FROM payout_attempts WHERE payout_id = '\(id)' ORDER BY number
            """).compactMap { $0 }
    }

    /// `journal/status` of each ledger posting of the payout's journals (one line per journal).
    func journals(_ id: String) async throws -> [String] {
        try await gateway.column("""
            SELECT DISTINCT journal_id || '=' || status FROM ledger_postings WHERE payout_id = '\(id)' ORDER BY 1
            """).compactMap { $0 }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
