import FoundationEssentials
import HTTP
import HTTPClient
import Payouts
import Synchronization

/// What came back from one call. `tokenRefused` means the call itself was never sent, because
/// no access token could be had: nothing can have moved.
enum SingaPayAnswer: Sendable, CustomStringConvertible {
    case answered(ClientResponse)
    case notSent(String)
    case maybeSent(String)
    case tokenRefused(String)

    var description: String {
        switch self {
        case .answered(let response): "answered \(response.status.code)"
        case .notSent(let why): "not sent (\(why))"
        case .maybeSent(let why): "maybe sent (\(why))"
        case .tokenRefused(let why): "no access token (\(why))"
        }
    }
}

/// The cached v1.1 access token and the authenticated, optionally signed, calls that use it.
final class SingaPaySession: Sendable {
    let configuration: SingaPayConfiguration
    let client: HTTPClient
    let clock: @Sendable () -> Timestamp
    let signer: SingaPaySigner
    private let cached = Mutex<(token: String, refreshAt: Timestamp)?>(nil)

    /// Tokens are renewed this long before they expire, as the reference SDK does [singapay.md §1.1].
    static let refreshMarginSeconds: Int64 = 60

    init(configuration: SingaPayConfiguration, client: HTTPClient, clock: @escaping @Sendable () -> Timestamp) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
        self.signer = SingaPaySigner(clientID: configuration.clientID, clientSecret: configuration.clientSecret)
    }

    /// Sends `body` (already canonical bytes) with a Bearer token; `signed` adds `X-Timestamp`
    /// and `X-Signature` [singapay.md §1.4]. On `SP013` the token is renewed once and the same
    /// bytes are sent again: an unauthorized request was refused, so repeating it is safe [singapay.md §1.3].
    func call(_ method: HTTPMethod, _ path: String, body: [UInt8], signed: Bool) async -> SingaPayAnswer {
        var answer = SingaPayAnswer.tokenRefused("not tried")
        for round in 0..<2 {
            let token: String
            switch await accessToken(renew: round == 1) {
            case .token(let value): token = value
            case .refused(let why): return .tokenRefused(why)
            }
            answer = await send(method, path, body: body, token: token, signed: signed)
            guard case .answered(let response) = answer, Self.isExpiredToken(response) else { return answer }
        }
        return answer
    }

    static func isExpiredToken(_ response: ClientResponse) -> Bool {
        let envelope = try? JSONDecoder().decode(SingaPayV2Envelope<SingaPayIgnored>.self, from: Data(response.body))
        return envelope?.response_code == "SP013"
    }

    private func send(_ method: HTTPMethod, _ path: String, body: [UInt8], token: String, signed: Bool) async -> SingaPayAnswer {
        var headers = HTTPHeaders([
            ("Authorization", "Bearer " + token), ("X-PARTNER-ID", configuration.partnerID),
            ("Accept", "application/json"),
        ])
        if method != .get { headers.add("Content-Type", "application/json") }
        if signed {
            let timestamp = String(clock().microsecondsSinceEpoch / 1_000_000)
            headers.add("X-Timestamp", timestamp)
            headers.add("X-Signature", signer.requestSignature(method: method.rawValue, path: path, accessToken: token,
                                                               body: body, timestamp: timestamp))
        }
        return await exchange(ClientRequest(method: method, url: configuration.baseURL + path, headers: headers, body: body))
    }

    private func exchange(_ request: ClientRequest) async -> SingaPayAnswer {
        do {
            return .answered(try await client.send(request))
        } catch {
            switch error {
            case .notSent(let reason): return .notSent(reason.description)
            case .maybeSent(let reason): return .maybeSent(reason.description)
            }
        }
    }

    /// The cached token, or a new one from `POST /api/v1.1/access-token/b2b` [singapay.md §1.1].
    private func accessToken(renew: Bool) async -> TokenLookup {
        let now = clock()
        if !renew, let current = cached.withLock({ $0 }), now < current.refreshAt { return .token(current.token) }
        let headers = HTTPHeaders([
            ("X-PARTNER-ID", configuration.partnerID), ("X-CLIENT-ID", configuration.clientID),
            ("X-Signature", signer.tokenSignature(at: now)), ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ])
        let request = ClientRequest(method: .post, url: configuration.baseURL + "/api/v1.1/access-token/b2b",
                                    headers: headers, body: Array(#"{"grant_type":"client_credentials"}"#.utf8))
        guard case .answered(let response) = await exchange(request) else {
            return .refused("token endpoint unreachable")
        }
        guard response.status.code == 200,
              let envelope = try? JSONDecoder().decode(SingaPayV1Envelope<SingaPayToken>.self, from: Data(response.body)),
              let token = envelope.data else {
            return .refused("token endpoint answered \(response.status.code)")
        }
        // `expires_in` is a string of seconds ("3600"); without it, assume the documented hour.
        let lifetime = Int64(token.expires_in?.text ?? "") ?? 3600
        let refreshAt = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch
                                  + max(0, lifetime - Self.refreshMarginSeconds) * 1_000_000)
        cached.withLock { $0 = (token.access_token, refreshAt) }
        return .token(token.access_token)
    }
}

/// A token, or why none could be had.
enum TokenLookup {
    case token(String)
    case refused(String)
}

/// Decodes any `data` without reading it.
struct SingaPayIgnored: Decodable {
    init(from decoder: any Decoder) throws {}
}
