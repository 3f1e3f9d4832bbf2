/// Why a payout failed: the neutral code plus what the provider said (DESIGN.md, `failure`).
public struct PayoutFailure: Hashable, Sendable {
    /// Neutral code clients can act on.
    public let code: FailureCode
    /// Human-readable explanation; never holds an account number.
    public let message: String
    /// The provider that answered, if one did.
    public let provider: ProviderName?
    /// The provider's own code, verbatim, for support conversations.
    public let providerCode: String?
    /// Whether the client may send the same payout again under a new reference.
    public let isRetryable: Bool

    /// A failure description.
    public init(code: FailureCode, message: String, provider: ProviderName? = nil,
                providerCode: String? = nil, isRetryable: Bool) {
        self.code = code
        self.message = message
        self.provider = provider
        self.providerCode = providerCode
        self.isRetryable = isRetryable
    }
}
