import Doku
import Duitku
import Durianpay
import HTTPClient
import Payouts
import SingaPay

/// The adapters of the providers with credentials, sharing one outbound HTTP client.
final class ProviderRegistry: Sendable {
    let client: HTTPClient
    private let adapters: [ProviderName: any PayoutProvider]

    /// `timeout` bounds one provider call end to end (`PROVIDER_TIMEOUT_SECONDS`).
    init(settings: ProviderSettings, timeout: Duration) {
        // Enough connections per provider for a few hundred payouts a second at 50 ms a call.
        let client = HTTPClient(limits: ClientLimits(connectTimeout: min(timeout, .seconds(5)), writeTimeout: timeout,
                                                     readTimeout: timeout, totalTimeout: timeout,
                                                     connectionsPerHostMax: 64))
        let unixMillis: @Sendable () -> Int64 = { Timestamp.now().microsecondsSinceEpoch / 1000 }
        var adapters: [ProviderName: any PayoutProvider] = [:]
        if let s = settings.duitku {
            adapters[.duitku] = DuitkuProvider(
                configuration: DuitkuConfiguration(baseURL: s.baseURL, userID: s.userID, email: s.email,
                                                   secretKey: s.secretKey, isSandbox: s.isSandbox),
                client: client, clock: unixMillis)
        }
        if let s = settings.durianpay {
            adapters[.durianpay] = DurianpayProvider(configuration: DurianpayConfiguration(baseURL: s.baseURL, serverKey: s.secretKey),
                                                     client: client, clock: { Timestamp.now() })
        }
        if let s = settings.doku {
            adapters[.doku] = DokuProvider(
                configuration: DokuConfiguration(baseURL: s.baseURL, clientID: s.clientID, secretKey: s.secretKey,
                                                 sourceAccountID: s.sourceAccountID),
                client: client, clock: unixMillis)
        }
        if let s = settings.singapay {
            adapters[.singapay] = SingaPayProvider(
                configuration: SingaPayConfiguration(baseURL: s.baseURL, partnerID: s.partnerID, clientID: s.clientID,
                                                     clientSecret: s.clientSecret, accountID: s.accountID),
                client: client, clock: { Timestamp.now() })
        }
        self.client = client
        self.adapters = adapters
    }

    /// The adapter for `name`, nil when that provider has no credentials.
    subscript(name: ProviderName) -> (any PayoutProvider)? { adapters[name] }

    /// The configured providers, in `ProviderName` order.
    var all: [any PayoutProvider] { ProviderName.allCases.compactMap { adapters[$0] } }

    func shutdown() async { await client.shutdown() }
}
