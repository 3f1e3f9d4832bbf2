import FoundationEssentials
// SingaPay's bodies, spelled as SingaPay spells them [singapay.md §1, §2, §4]. Two envelopes
// exist: v1 `{status, success, data}` and v2 `{response_code, response_message, data}`.

/// A string that SingaPay sometimes sends as a number (`expires_in`, amounts) [singapay.md §1.1].
struct SingaPayLooseString: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(Int64.self) {
            self.text = String(number)
        } else {
            self.text = "\(try container.decode(Decimal.self))"
        }
    }
}

/// v1 envelope: token, check-beneficiary, balance [singapay.md §1.1, §2.5, §2.7].
struct SingaPayV1Envelope<Payload: Decodable>: Decodable {
    let status: Int?
    let success: Bool?
    let data: Payload?
}

/// v2 envelope: transfer, inquiry-status, webhooks [singapay.md §2.1, §4].
struct SingaPayV2Envelope<Payload: Decodable>: Decodable {
    let response_code: String
    let response_message: String?
    let data: Payload?
}

/// `data` of the v1.1 token answer; `expires_in` is a string of seconds [singapay.md §1.1].
struct SingaPayToken: Decodable {
    let access_token: String
    let token_type: String?
    let expires_in: SingaPayLooseString?
}

/// `{code, desc}` of a transfer [singapay.md §3].
struct SingaPayTransactionStatus: Decodable {
    let code: String
    let desc: String?
}

/// `{currency, value}` amounts in answers (values are strings such as "2500" or "12504.00").
struct SingaPayAmount: Decodable {
    let currency: String?
    let value: SingaPayLooseString
}

/// `data` of transfer, inquiry-status and the disbursement webhook [singapay.md §2.1, §2.2, §4].
struct SingaPayTransaction: Decodable {
    let transaction_id: String?
    let reference_number: String?
    let transaction_status: SingaPayTransactionStatus
    let fee: SingaPayAmount?
    /// What the beneficiary received; the fee comes on top (`gross_amount`) [singapay.md §2.1].
    let net_amount: SingaPayAmount?
    let failed_code: SingaPayLooseString?
    let failed_reason: String?
}

/// `POST /api/v2.0/disbursement/{account_id}/inquiry-status` body [singapay.md §2.2].
struct SingaPayInquiryRequest: Encodable {
    let reference_number: String
}

/// `POST /api/v1.0/disbursement/check-beneficiary` body [singapay.md §2.5].
struct SingaPayBeneficiaryRequest: Encodable {
    let bank_swift_code: String
    let bank_account_number: String
}

/// Its `data`: `status` is `valid` or `invalid` [singapay.md §2.5].
struct SingaPayBeneficiary: Decodable {
    let status: String
    let bank_name: String?
    let bank_account_number: String?
    let bank_account_name: String?
}

/// `data` of `GET /api/v1.0/balance-inquiry/{account_id}`. Its shape is undocumented in what we
/// have [singapay.md §2.7]; we read `balance.value` like the other amount objects.
struct SingaPayBalance: Decodable {
    let balance: SingaPayAmount
}

/// Any webhook's `event`, read before `data`, whose shape depends on it [singapay.md §4].
struct SingaPayWebhookEvent: Decodable {
    let event: String?
}

/// The disbursement webhook body [singapay.md §4].
struct SingaPayWebhook: Decodable {
    let response_code: String?
    let event: String?
    let data: SingaPayTransaction
}
