/// Why a payout failed, in the gateway's neutral words (DESIGN.md, Contract: failure).
///
/// Each provider maps its own codes onto these; the raw provider code travels alongside in
/// `PayoutFailure.providerCode`.
public enum FailureCode: String, CaseIterable, Hashable, Sendable {
    /// The account does not exist, is closed or cannot receive.
    case invalidAccount = "invalid_account"
    /// The holder name at the bank does not match the one given.
    case nameMismatch = "name_mismatch"
    /// Our deposit at the provider cannot cover the payout.
    case insufficientProviderBalance = "insufficient_provider_balance"
    /// A per-transfer or daily limit of the provider, bank or rail was exceeded.
    case limitExceeded = "limit_exceeded"
    /// The destination bank is offline or refused the transfer for technical reasons.
    case bankUnavailable = "bank_unavailable"
    /// The provider refused for another stated reason.
    case rejectedByProvider = "rejected_by_provider"
    /// No enabled provider can carry this payout (amount, bank, rail or hours).
    case noRoute = "no_route"
    /// Every candidate provider was down or unreachable.
    case providerUnavailable = "provider_unavailable"
    /// A person closed a `needs_review` payout as not paid after checking with the provider.
    ///
    /// Added because that path has no provider answer to map, and reusing a provider code would
    /// tell finance the provider said so when it did not.
    case resolvedByOperator = "resolved_by_operator"
}

extension FailureCode {
    /// Whether another provider may succeed where this failure came from: true for the provider's
    /// own trouble, false when the beneficiary itself was refused (every provider would refuse it).
    public var allowsFailover: Bool {
        switch self {
        case .invalidAccount, .nameMismatch, .resolvedByOperator: false
        case .insufficientProviderBalance, .limitExceeded, .bankUnavailable, .rejectedByProvider, .noRoute,
             .providerUnavailable: true
        }
    }

    /// Whether the client may send the same payout again later under a new reference.
    public var isRetryable: Bool {
        switch self {
        case .invalidAccount, .nameMismatch, .limitExceeded, .noRoute, .resolvedByOperator: false
        case .insufficientProviderBalance, .bankUnavailable, .rejectedByProvider, .providerUnavailable: true
        }
    }
}
