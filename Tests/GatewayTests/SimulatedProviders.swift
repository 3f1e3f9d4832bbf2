import Payouts
import ProviderSimulators

/// Provider simulators on free ports with the gateway's environment pointing at them. A provider
/// not started keeps the harness's unreachable address; one started `down` refuses connections.
struct SimulatedProviders {
    var duitku: DuitkuSimulator?
    var durianpay: DurianpaySimulator?
    var singapay: SingaPaySimulator?
    var environment: [String: String] = [:]

    /// Starts `up` serving and `down` refusing; balances in rupiah per provider when given.
    static func start(up: Set<ProviderName>, down: Set<ProviderName> = [],
                      balances: [ProviderName: Int64] = [:]) throws -> SimulatedProviders {
        var providers = SimulatedProviders()
        let started = up.union(down)
        func balance(_ name: ProviderName, _ fallback: Int64) -> Int64 { balances[name] ?? fallback }
        if started.contains(.duitku) {
            let options = SimulatorOptions(balance: Money(rupiah: balance(.duitku, 10_000_000_000))!,
                                           fault: down.contains(.duitku) ? .refuseConnections : .none)
            let simulator = DuitkuSimulator(options: options)
            let port = try simulator.start()
            providers.duitku = simulator
            providers.environment.merge([
                "DUITKU_BASE_URL": "http://127.0.0.1:\(port)", "DUITKU_USER_ID": String(DuitkuSimulator.Credentials.sandbox.userID),
                "DUITKU_EMAIL": DuitkuSimulator.Credentials.sandbox.email,
                "DUITKU_SECRET_KEY": DuitkuSimulator.Credentials.sandbox.secretKey, "DUITKU_SANDBOX": "true",
            ]) { $1 }
        }
        if started.contains(.durianpay) {
            let simulator = DurianpaySimulator(options: .init(serverKey: "dp_test_key",
                                                              fault: down.contains(.durianpay) ? .refuseConnections : .none,
                                                              balance: balance(.durianpay, 1_000_000_000)))
            let port = try simulator.start()
            providers.durianpay = simulator
            providers.environment.merge(["DURIANPAY_BASE_URL": "http://127.0.0.1:\(port)", "DURIANPAY_SECRET_KEY": "dp_test_key"]) { $1 }
        }
        if started.contains(.singapay) {
            let simulator = SingaPaySimulator(options: .init(partnerID: "partner", clientID: "client", clientSecret: "secret",
                                                             accountID: "account",
                                                             fault: down.contains(.singapay) ? .refuseConnections : .none,
                                                             balance: balance(.singapay, 1_000_000_000)))
            let port = try simulator.start()
            providers.singapay = simulator
            providers.environment.merge([
                "SINGAPAY_BASE_URL": "http://127.0.0.1:\(port)", "SINGAPAY_PARTNER_ID": "partner", "SINGAPAY_CLIENT_ID": "client",
                "SINGAPAY_CLIENT_SECRET": "secret", "SINGAPAY_ACCOUNT_ID": "account",
            ]) { $1 }
        }
        return providers
    }

    func stop() async {
        await duitku?.stop()
        await durianpay?.stop()
        await singapay?.stop()
    }
}
