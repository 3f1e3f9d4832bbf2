/// A create-payout request whose every value has been checked: what the gateway stores.
public struct PayoutRequest: Hashable, Sendable {
    /// The client's unique reference, 1–64 of `[A-Za-z0-9._:-]`.
    public let reference: String
    /// The amount, within `PayoutLimits`.
    public let amount: Money
    /// Always IDR.
    public let currency: Currency
    /// Who receives the money.
    public let beneficiary: Beneficiary
    /// Requested rail; `auto` when none was given.
    public let clearing: Clearing
    /// Requested provider; nil lets routing choose.
    public let provider: ProviderName?
    /// Free text for the provider's notes, trimmed; nil when absent or blank.
    public let description: String?
    /// Client key-value pairs, kept but never sent to a provider.
    public let metadata: [String: String]
    /// Whether the account and holder name are checked with a provider before the first attempt.
    public let validatesAccount: Bool

    /// A request from checked values; prefer `validate(_:directory:limits:)` for client input.
    public init(reference: String, amount: Money, currency: Currency = .idr, beneficiary: Beneficiary,
                clearing: Clearing = .auto, provider: ProviderName? = nil, description: String? = nil,
                metadata: [String: String] = [:], validatesAccount: Bool = false) {
        self.reference = reference
        self.amount = amount
        self.currency = currency
        self.beneficiary = beneficiary
        self.clearing = clearing
        self.provider = provider
        self.description = description
        self.metadata = metadata
        self.validatesAccount = validatesAccount
    }
}
