import Payouts

/// What asking providers about a bank account came to.
enum AccountValidationResult: Sendable, Hashable {
    /// The bank knows the account under `accountName`; `nameMatch` is nil when no name was expected.
    case found(provider: ProviderName, accountName: String, nameMatch: NameMatch?)
    /// A provider said definitely that the account cannot receive (`invalid_account`).
    case invalid(provider: ProviderName, failure: ProviderFailure)
    /// No provider could say: each one asked was unreachable, too slow, inconclusive or refused
    /// the inquiry itself. Nothing is known about the account.
    case unavailable(asked: [ProviderName])
    /// No configured provider offers an inquiry for this bank.
    case notOffered
}
