import Payouts

/// One entry of a provider's published bank list (Duitku `listBank` `Banks[]` [seed-004];
/// Durianpay `GET /v1/disbursements/banks` [sdk-go]), as the provider adapter decoded it.
public struct PublishedBank: Hashable, Sendable {
    /// The provider's code for the destination (`014`, `1010`, `bca`).
    public var code: String
    /// The destination's name as the provider writes it.
    public var name: String
    /// The 3-digit BI code, when the list gives one besides `code` (Durianpay `atm_bersama_code`).
    public var biCode: String?
    /// The online-transfer cap, when the list gives one (Duitku `maxAmountTransfer`).
    public var maximumTransfer: Money?

    /// One published entry.
    public init(code: String, name: String, biCode: String? = nil, maximumTransfer: Money? = nil) {
        self.code = code
        self.name = name
        self.biCode = biCode
        self.maximumTransfer = maximumTransfer
    }
}

/// The result of refreshing a provider's banks from its list: new capabilities and what did not match.
public struct BankListRefresh: Hashable, Sendable {
    /// Capabilities with the provider's bank codes (and caps) replaced by the published list.
    public var capabilities: Capabilities
    /// Codes in the list that no directory entry resolves; worth a warning, never guessed.
    public var unmatchedCodes: [String]
}
