import Payouts

/// What routing is asked: pay this destination this amount, perhaps on this rail or provider.
public struct RouteRequest: Hashable, Sendable {
    /// The amount to pay.
    public var amount: Money
    /// The destination, resolved in the bank directory.
    public var bank: Bank
    /// The rail the caller asked for; `.auto` lets routing choose.
    public var clearing: Clearing
    /// The provider the caller pinned; nil lets routing choose.
    public var provider: ProviderName?
    /// The caller asked for `execute: immediately`: a route whose rail is closed now is refused
    /// instead of being scheduled for the next window.
    public var executeImmediately: Bool

    /// A request from its parts.
    public init(amount: Money, bank: Bank, clearing: Clearing = .auto, provider: ProviderName? = nil,
                executeImmediately: Bool = false) {
        self.amount = amount
        self.bank = bank
        self.clearing = clearing
        self.provider = provider
        self.executeImmediately = executeImmediately
    }

    /// The routing question a validated payout asks.
    public init(_ payout: PayoutRequest, executeImmediately: Bool = false) {
        self.init(amount: payout.amount, bank: payout.beneficiary.bank, clearing: payout.clearing,
                  provider: payout.provider, executeImmediately: executeImmediately)
    }
}
