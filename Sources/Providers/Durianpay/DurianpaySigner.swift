/// Where Durianpay's legacy disbursement API is and how to authenticate to it.
public struct DurianpayConfiguration: Sendable {
    /// Scheme, host and port only (`https://api.durianpay.id`); the adapter appends `/v1/…`.
    /// Sandbox and live differ by host [durianpay.md §6], so it is configurable.
    public var baseURL: String
    /// The server key (`dp_test…` / `dp_live…`): Basic auth user name and webhook HMAC key
    /// [durianpay.md §1.1, §1.3].
    public var serverKey: String
    /// Sent as `email_recipient` when the beneficiary has none: the field is mandatory [seed-001].
    public var fallbackRecipientEmail: String
    /// Sent as `phone_number` when the beneficiary has none: the field is mandatory [seed-001].
    public var fallbackRecipientPhone: String

    /// A configuration; a trailing `/` on `baseURL` is dropped.
    public init(baseURL: String, serverKey: String, fallbackRecipientEmail: String = "payouts@example.invalid",
                fallbackRecipientPhone: String = "0000000000") {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.serverKey = serverKey
        self.fallbackRecipientEmail = fallbackRecipientEmail
        self.fallbackRecipientPhone = fallbackRecipientPhone
    }
}

import Crypto

/// Durianpay's credentials and what is derived from them: the Basic `Authorization` header every
/// call carries, and the HMAC-SHA256 signatures its webhooks and status answers carry.
struct DurianpaySigner: Sendable {
    /// The server (secret) key: `dp_test…` in sandbox, `dp_live…` in live [seed-000].
    let serverKey: String

    /// `Basic base64("<server key>:")`: the key is the user name, the password is empty
    /// [durianpay.md §1.1][seed-001].
    var authorization: String {
        "Basic " + Base64.encode(Array((serverKey + ":").utf8))
    }

    /// Lowercase hex HMAC-SHA256 of `disbursement_id|amount`, the amount with exactly two
    /// decimals ("15000.00") [durianpay.md §1.3][seed-000 step 4].
    func disbursementSignature(disbursementID: String, amount: String) -> String {
        sign(disbursementID + "|" + Self.twoDecimals(amount))
    }

    /// Lowercase hex HMAC-SHA256 of `account_number|bank_code|status` [durianpay.md §1.3][seed-000].
    func accountValidationSignature(accountNumber: String, bankCode: String, status: String) -> String {
        sign(accountNumber + "|" + bankCode + "|" + status)
    }

    private func sign(_ message: String) -> String {
        Hex.encode(HMAC.sha256(key: serverKey, message: message))
    }

    /// "300000" and "300000.0" become "300000.00": the signed form always has two decimals
    /// [seed-000: "Amount is in 15000.00 format"]. Anything else is left as given, so an odd
    /// amount fails verification instead of being reinterpreted.
    static func twoDecimals(_ amount: String) -> String {
        let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isWholeNumber), parts.count <= 2 else {
            return amount
        }
        if parts.count == 1 { return amount + ".00" }
        return parts[1].count == 1 ? amount + "0" : amount
    }
}
