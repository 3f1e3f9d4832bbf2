import Crypto
import Payouts

/// Where SingaPay's B2B API is and the merchant's credentials [singapay.md §1].
public struct SingaPayConfiguration: Sendable {
    /// Scheme, host and port only (`https://payment-b2b.singapay.id`); the adapter appends the
    /// documented `/api/…` paths [singapay.md §1].
    public var baseURL: String
    /// The dashboard API key, sent as `X-PARTNER-ID` on every call [singapay.md §1].
    public var partnerID: String
    /// Sent as `X-CLIENT-ID` and signed into the token request [singapay.md §1.1].
    public var clientID: String
    /// HMAC key of the token request, of money-out calls and of webhooks [singapay.md §1.1, §1.4, §4].
    public var clientSecret: String
    /// The merchant (sub-)account ULID that money leaves from [singapay.md §2].
    public var accountID: String

    /// A configuration; a trailing `/` on `baseURL` is dropped.
    public init(baseURL: String, partnerID: String, clientID: String, clientSecret: String, accountID: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.partnerID = partnerID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accountID = accountID
    }
}

/// The three HMAC-SHA512 signatures SingaPay uses, all keyed by the client secret.
struct SingaPaySigner: Sendable {
    let clientID: String
    let clientSecret: String

    /// Token request signature: hex HMAC-SHA512 of `client_id_client_secret_YYYYMMDD`, the date
    /// being the calendar day in Jakarta (WIB, UTC+7) [singapay.md §1.1: a UTC date is refused
    /// between 00:00 and 07:00 WIB].
    func tokenSignature(at now: Timestamp) -> String {
        tokenSignature(date: Self.wibDate(now))
    }

    /// The same, for a given `YYYYMMDD`.
    func tokenSignature(date: String) -> String {
        Hex.encode(HMAC.sha512(key: clientSecret, message: clientID + "_" + clientSecret + "_" + date))
    }

    /// Money-out and webhook signature [singapay.md §1.4]:
    /// `METHOD:ENDPOINT:ACCESS_TOKEN:hex(sha256(body)):TIMESTAMP`, where `body` is exactly the
    /// canonical bytes that are (or were) on the wire.
    func requestSignature(method: String, path: String, accessToken: String, body: [UInt8], timestamp: String) -> String {
        let hashedBody = Hex.encode(Digest.sha256(body))
        let message = method.uppercased() + ":" + path + ":" + accessToken + ":" + hashedBody + ":" + timestamp
        return Hex.encode(HMAC.sha512(key: clientSecret, message: message))
    }

    /// `YYYYMMDD` of the instant in UTC+7 (Indonesia has no daylight saving).
    static func wibDate(_ now: Timestamp) -> String {
        let seconds = now.microsecondsSinceEpoch / 1_000_000 + 7 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = Timestamp.civilDate(daysSinceEpoch: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)" + two(month) + two(day)
    }
}
