import Crypto

/// Duitku's signatures: lowercase hex SHA-256 (a plain hash, not an HMAC) of fields concatenated
/// without separators, ending with the secret key [seed-004], duitku.md §1. Amounts are whole
/// rupiah without decimals; timestamps are the millisecond integer sent in the body.
public struct DuitkuSigner: Sendable {
    let email: String
    let secretKey: String

    /// A signer for one merchant.
    public init(email: String, secretKey: String) {
        self.email = email
        self.secretKey = secretKey
    }

    /// Online transfer inquiry: email + timestamp + bankCode + bankAccount + amountTransfer + purpose + secretKey.
    public func inquiry(timestamp: Int64, bankCode: String, bankAccount: String, amount: Int64, purpose: String) -> String {
        hash([email, String(timestamp), bankCode, bankAccount, String(amount), purpose])
    }

    /// Online transfer: email + timestamp + bankCode + bankAccount + accountName + custRefNumber
    /// + amountTransfer + purpose + disburseId + secretKey.
    public func transfer(timestamp: Int64, bankCode: String, bankAccount: String, accountName: String,
                         custRefNumber: String, amount: Int64, purpose: String, disburseID: String) -> String {
        hash([email, String(timestamp), bankCode, bankAccount, accountName, custRefNumber, String(amount), purpose, disburseID])
    }

    /// Clearing inquiry: email + timestamp + bankCode + type + bankAccount + amountTransfer + purpose + secretKey.
    public func clearingInquiry(timestamp: Int64, bankCode: String, type: String, bankAccount: String,
                                amount: Int64, purpose: String) -> String {
        hash([email, String(timestamp), bankCode, type, bankAccount, String(amount), purpose])
    }

    /// Clearing transfer: the online transfer fields with `type` after bankCode.
    public func clearingTransfer(timestamp: Int64, bankCode: String, type: String, bankAccount: String,
                                 accountName: String, custRefNumber: String, amount: Int64, purpose: String,
                                 disburseID: String) -> String {
        hash([email, String(timestamp), bankCode, type, bankAccount, accountName, custRefNumber, String(amount),
              purpose, disburseID])
    }

    /// H2H clearing callback: email + bankCode + bankAccount + accountName + custRefNumber
    /// + amountTransfer + disburseId + secretKey. No timestamp, so a callback can be replayed:
    /// the gateway must treat a repeated callback as news it already has.
    public func clearingCallback(bankCode: String, bankAccount: String, accountName: String, custRefNumber: String,
                                 amount: Int64, disburseID: String) -> String {
        hash([email, bankCode, bankAccount, accountName, custRefNumber, String(amount), disburseID])
    }

    /// Cash-out inquiry: email + timestamp + amountTransfer + purpose + secretKey.
    public func cashOutInquiry(timestamp: Int64, amount: Int64, purpose: String) -> String {
        hash([email, String(timestamp), String(amount), purpose])
    }

    /// Cash-out callback: email + disburseId + custRefNumber + secretKey.
    public func cashOutCallback(disburseID: String, custRefNumber: String) -> String {
        hash([email, disburseID, custRefNumber])
    }

    /// Inquiry status: email + timestamp + disburseId + secretKey.
    public func inquiryStatus(timestamp: Int64, disburseID: String) -> String {
        hash([email, String(timestamp), disburseID])
    }

    /// Check balance: email + timestamp + secretKey (the docs' own example reproduces, duitku.md §1).
    public func checkBalance(timestamp: Int64) -> String {
        hash([email, String(timestamp)])
    }

    /// List bank: the same formula as check balance.
    public func listBank(timestamp: Int64) -> String {
        checkBalance(timestamp: timestamp)
    }

    private func hash(_ fields: [String]) -> String {
        Hex.encode(Digest.sha256(fields.joined() + secretKey))
    }
}
