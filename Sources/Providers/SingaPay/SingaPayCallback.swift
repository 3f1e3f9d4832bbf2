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
        // Any Int64 parses, so the difference is taken with overflow reported rather than trapped.
        guard let seconds = Int64(timestamp),
              case let (age, overflow) = seconds.subtractingReportingOverflow(now.microsecondsSinceEpoch / 1_000_000),
              !overflow, age.magnitude <= Self.timestampWindowSeconds else {
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
        // Read from the bytes that were verified: the raw body may hold a key twice, and a
        // decoder keeping the first of two where the canonical form kept the last would act on
        // a value the signature never covered.
        let acknowledgement = CallbackAcknowledgement(body: #"{"status":"success"}"#)
        guard let named = decode(SingaPayWebhookEvent.self, parsed.canonicalBytes) else {
            return .unreadable(reason: "signed SingaPay webhook is not a JSON object", acknowledgement: acknowledgement)
        }
        // The same URL also receives ewallet-topup and qris-issuer events [singapay.md §4], whose
        // `data` is no transfer: known by `event` before `data` is read, and acknowledged, or
        // SingaPay would retry them and write to the merchant.
        guard named.event == "disbursement" else {
            return .ignored(reason: "SingaPay \((named.event ?? "unnamed").prefix(64)) event is not a disbursement",
                            acknowledgement: acknowledgement)
        }
        guard let webhook = decode(SingaPayWebhook.self, parsed.canonicalBytes) else {
            return .unreadable(reason: "signed SingaPay disbursement webhook of an unknown shape", acknowledgement: acknowledgement)
        }
        guard let reference = webhook.data.reference_number else {
            return .unreadable(reason: "signed SingaPay disbursement webhook without reference_number", acknowledgement: acknowledgement)
        }
        // Decide on transaction_status, never on response_code [singapay.md §4].
        let attempt = AttemptReference(providerReference: reference, providerTransactionID: webhook.data.transaction_id)
        return .verified(CallbackNews(attempt: attempt, outcome: SingaPayProvider.outcome(of: webhook.data),
                                      acknowledgement: acknowledgement))
    }
}
