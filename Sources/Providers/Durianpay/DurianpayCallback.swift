import Crypto
import FoundationEssentials
import Payouts

/// Verifies and reads Durianpay webhooks [durianpay.md §4][seed-000]. The signature travels in
/// the body at `data.signature` (there is no signature header) and is the HMAC-SHA256 of
/// `disbursement_id|amount` under the server key [durianpay.md §1.3]. Neither the batch name
/// nor the statuses are signed, so the news is marked unsigned: a final outcome is confirmed
/// by a status check of the attempt the gateway stored, never taken from the body. Nor does
/// the outcome carry the batch id: the attempt may have been found by the unsigned name, and
/// a copy of a genuine webhook renamed to another attempt would otherwise bind that attempt
/// to a foreign batch. An attempt's batch id comes from our submit, or from a status check
/// that found the batch by the attempt's idempotency key.
struct DurianpayCallback {
    let signer: DurianpaySigner

    /// The events about a disbursement; both spellings of validation occur in the docs [durianpay.md §4].
    static let disbursementEvents: Set = [
        "disbursement.completed", "disbursement.validation_completed", "disbursement.validation.completed",
    ]

    func verify(_ callback: ProviderCallback) -> CallbackOutcome {
        // Events not about a disbursement: account_validation.completed (live-only [seed-000]) or
        // the sample sent when the URL is registered, which must be answered 200 [durianpay.md §4].
        // Their signing is undocumented, so nothing is read from them: kept and acknowledged.
        let body = Data(callback.body)
        guard let named = try? JSONDecoder().decode(DurianpayEventName.self, from: body) else {
            return .rejected(reason: "unreadable Durianpay webhook")
        }
        guard Self.disbursementEvents.contains(named.event) else {
            return .ignored(reason: "Durianpay event \(named.event.prefix(64)) is not about a disbursement",
                            acknowledgement: CallbackAcknowledgement())
        }
        guard let webhook = try? JSONDecoder().decode(DurianpayWebhook.self, from: body) else {
            return .rejected(reason: "unreadable Durianpay webhook")
        }
        let data = webhook.data
        // Which amount a completion signs is not stated; the batch's total_amount is the only
        // candidate (durianpay.md §9 gap 2). A wrong guess rejects, it never accepts. Validation
        // events (both spellings occur in the docs [durianpay.md §4]) sign `amount`.
        let signedAmount = webhook.event == "disbursement.completed" ? data.total_amount : data.amount
        guard let amount = signedAmount else { return .rejected(reason: "Durianpay webhook without amount") }
        let expected = signer.disbursementSignature(disbursementID: data.id, amount: amount)
        guard ConstantTime.equals(expected, data.signature.lowercased()) else {
            return .rejected(reason: "Durianpay webhook signature mismatch")
        }
        // Webhooks do not echo the idempotency key; the batch name is our reference (see submitBody).
        guard let reference = data.name, !reference.isEmpty else {
            return .unreadable(reason: "signed Durianpay webhook without batch name", acknowledgement: CallbackAcknowledgement())
        }
        // The signed id names the attempt only where the name matches none.
        let attempt = AttemptReference(providerReference: reference, providerTransactionID: data.id)
        return .verified(CallbackNews(attempt: attempt, outcome: outcome(of: webhook),
                                      acknowledgement: CallbackAcknowledgement(), statusIsSigned: false))
    }

    /// Items decide; the batch status is the fallback [durianpay.md §3]. No batch id (see above).
    func outcome(of webhook: DurianpayWebhook) -> ProviderOutcome {
        let data = webhook.data
        if webhook.event == "disbursement.completed" {
            if let item = data.item_status?.first {
                return DurianpayStatus.item(item.status).verdict.outcome(batchID: nil, providerCode: item.status, detail: nil)
            }
            let raw = data.status ?? "missing"
            return DurianpayStatus.batch(raw).verdict.outcome(batchID: nil, providerCode: raw, detail: nil)
        }
        if let invalid = data.invalid_disbursements?.first {
            return DurianpayStatus.item(invalid.status).verdict.outcome(batchID: nil, providerCode: invalid.status, detail: nil)
        }
        if let valid = data.valid_disbursements?.first {
            return DurianpayStatus.item(valid.status).verdict.outcome(batchID: nil, providerCode: valid.status, detail: nil)
        }
        return .unknown(reason: "Durianpay validation webhook without items")
    }
}
