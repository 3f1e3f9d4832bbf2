/// One ledger line: an amount on one side of one account. `Journal` checks the amount is positive.
public struct Posting: Sendable, Hashable {
    /// The account it lands on.
    public var account: LedgerAccount
    /// Debit or credit.
    public var direction: Direction
    /// Whole rupiah, greater than zero.
    public var amount: Int64

    /// Makes a posting.
    public init(account: LedgerAccount, direction: Direction, amount: Int64) {
        self.account = account
        self.direction = direction
        self.amount = amount
    }

    /// A debit of `amount` to `account`.
    public static func debit(_ account: LedgerAccount, _ amount: Int64) -> Posting {
        Posting(account: account, direction: .debit, amount: amount)
    }

    /// A credit of `amount` to `account`.
    public static func credit(_ account: LedgerAccount, _ amount: Int64) -> Posting {
        Posting(account: account, direction: .credit, amount: amount)
    }
}
