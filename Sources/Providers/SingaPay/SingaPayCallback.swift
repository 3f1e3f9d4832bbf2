import Crypto
import Payouts

/// Verifies and reads SingaPay's disbursement webhook [singapay.md §4]: the §1.4 signature with
/// METHOD `POST`, ENDPOINT our callback path, ACCESS_TOKEN the random Bearer token SingaPay sent,
/// and the hash of the body re-normalized (parsed, keys sorted, re-encoded).
struct SingaPayCallback {
    let signer: SingaPaySigner
    let now: Timestamp

    /// Older or newer than this is refused as a replay, as the reference SDK does [singapay.md §4].
    static let timestampWindowSeconds: Int64 = 300

    func verify(_ callback: ProviderCallback) -> CallbackOutcome {
        guard let signature = callback.header("X-Signature"), let timestamp = callback.header("X-Timestamp"),
              let authorization = callback.header("Authorization"), authorization.hasPrefix("Bearer ") else {
            return .rejected(reason: "SingaPay webhook without signature headers")
        }
        guard let seconds = Int64(timestamp),
              abs(seconds - now.microsecondsSinceEpoch / 1_000_000) <= Self.timestampWindowSeconds else {
            return .rejected(reason: "SingaPay webhook timestamp outside the window")
        }
        guard let parsed = SingaPayJSON.parse(callback.body) else {
            // The dashboard "Test" button sends an unsigned dummy body [singapay.md §4]; refused here too.
            return .rejected(reason: "unreadable SingaPay webhook")
        }
        let token = String(authorization.dropFirst("Bearer ".count))
        let expected = signer.requestSignature(method: "POST", path: callback.path, accessToken: token,
                                               body: parsed.canonicalBytes, timestamp: timestamp)
        guard ConstantTime.equals(expected, signature.lowercased()) else {
            return .rejected(reason: "SingaPay webhook signature mismatch")
        }
        // The same URL also receives ewallet-topup and qris-issuer events [singapay.md §4].
        guard let webhook = decode(SingaPayWebhook.self, callback.body), webhook.event == "disbursement",
              let reference = webhook.data.reference_number else {
            return .rejected(reason: "SingaPay webhook is not a disbursement")
        }
        // Decide on transaction_status, never on response_code [singapay.md §4].
        let attempt = AttemptReference(providerReference: reference, providerTransactionID: webhook.data.transaction_id)
        return .verified(CallbackNews(attempt: attempt, outcome: SingaPayProvider.outcome(of: webhook.data),
                                      acknowledgement: CallbackAcknowledgement(body: #"{"status":"success"}"#)))
    }
}
