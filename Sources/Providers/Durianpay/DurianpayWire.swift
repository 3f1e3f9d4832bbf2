// Request and response bodies of Durianpay's legacy disbursement API, spelled as Durianpay
// spells them [seed-001][durianpay.md §2, §4]. Amounts are strings on the wire: "10000" in
// requests, "10000.00" in answers [durianpay.md §2].

/// `POST /v1/disbursements/submit` body [seed-001].
struct DurianpaySubmitRequest: Encodable {
    let name: String
    let description: String
    let items: [DurianpaySubmitItem]
}

/// One payee of a batch [seed-001].
struct DurianpaySubmitItem: Encodable {
    let account_owner_name: String
    let bank_code: String
    let amount: String
    let account_number: String
    let email_recipient: String
    let phone_number: String
    let notes: String?
}

/// Every success answer is wrapped in `{"data": …}` [durianpay.md §2].
struct DurianpayEnvelope<Payload: Decodable>: Decodable {
    let data: Payload
}

/// An error answer: `{"error", "error_code", ["request_id"]}` [durianpay.md §2][seed-001].
struct DurianpayErrorBody: Decodable {
    let error: String?
    let error_code: String?
}

/// The batch object of submit, fetch and status-by-key [durianpay.md §2.1, §2.3, §2.4].
struct DurianpayBatch: Decodable {
    let id: String
    let name: String?
    let status: String?
    let idempotency_key: String?
    let total_amount: String?
}

/// `POST /v1/disbursements/status` body: the batch by our idempotency key [durianpay.md §2.4].
struct DurianpayStatusRequest: Encodable {
    let idempotency_key: String
}

/// `GET /v1/disbursements/{id}/items` answer [durianpay.md §2.5].
struct DurianpayItemsPage: Decodable {
    let submission_status: String?
    let disbursement_batch_items: [DurianpayItem]?
}

/// One item's state [durianpay.md §2.5].
struct DurianpayItem: Decodable {
    let id: String
    let status: String
    let amount: String?
    let failure_reason: String?
}

/// `POST /v1/disbursements/validate` body [durianpay.md §2.6].
struct DurianpayValidateRequest: Encodable {
    let account_number: String
    let bank_code: String
}

/// The validation answer: `status` is `valid`, `invalid` or `processing` [durianpay.md §2.6].
struct DurianpayValidation: Decodable {
    let account_number: String?
    let bank_code: String?
    let account_holder: String?
    let status: String
}

/// `GET /v1/disbursements/topup/balance` answer `{"data":{"balance":int}}` [durianpay.md §2.7][sdk-go].
struct DurianpayBalance: Decodable {
    let balance: Int64
}

/// Any webhook's event name, read before deciding whether the rest is ours to read.
struct DurianpayEventName: Decodable {
    let event: String
}

/// A webhook delivery: `{"event", "data", "retry_count"}` [durianpay.md §4][seed-000].
struct DurianpayWebhook: Decodable {
    let event: String
    let data: DurianpayWebhookData
    let retry_count: Int?
}

/// The fields of `disbursement.completed` and `disbursement.validation_completed` we read [seed-000].
struct DurianpayWebhookData: Decodable {
    let id: String
    let name: String?
    let signature: String
    /// Batch status in `disbursement.completed`.
    let status: String?
    /// Signed amount of `disbursement.completed` (durianpay.md §9 gap 2).
    let total_amount: String?
    /// Signed amount of `disbursement.validation_completed`.
    let amount: String?
    let item_status: [DurianpayWebhookItem]?
    let valid_disbursements: [DurianpayWebhookItem]?
    let invalid_disbursements: [DurianpayWebhookItem]?
}

/// An item line in a webhook [seed-000].
struct DurianpayWebhookItem: Decodable {
    let id: String
    let status: String
}

/// One item of `GET /v1/disbursements/banks` [durianpay.md §2]: `code` is what `bank_code` takes.
public struct DurianpayListedBank: Decodable, Sendable, Hashable {
    public var code: String
    public var name: String
}
