/// A ledger account, named by a stable code used in storage and on the wire.
///
/// The books have two layers that every payout keeps in step:
/// - money: where the business's payout money is (`provider:<name>:prefunded`) and where it went
///   (`payouts_paid`, `provider_fees`);
/// - funding: what that money is for (`available_for_payouts`, `payouts_in_flight`).
/// A top-up crosses the layers (money in at a provider, funding available), and each later journal
/// moves both by the same amount, so `available_for_payouts` posted always equals the prefunds' sum.
public struct LedgerAccount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The stable code, such as `provider:duitku:prefunded`.
    public let code: String
    /// The side that increases the account's balance.
    public let normalSide: Direction
    /// The provider of a prefund account, nil for the others.
    public let provider: String?

    private init(code: String, normalSide: Direction, provider: String? = nil) {
        self.code = code
        self.normalSide = normalSide
        self.provider = provider
    }

    /// Funding the business has set aside for payouts that no payout has claimed yet (credit-normal).
    /// Its available balance is what new payouts may still hold.
    public static let availableForPayouts = LedgerAccount(code: "available_for_payouts", normalSide: .credit)
    /// Funding claimed by payouts (credit-normal): pending credits are payouts still in flight,
    /// posted credits are claims settled, matching `payouts_paid` plus `provider_fees`.
    public static let payoutsInFlight = LedgerAccount(code: "payouts_in_flight", normalSide: .credit)
    /// Money that reached beneficiaries (debit-normal, like an expense): it has left the business.
    public static let payoutsPaid = LedgerAccount(code: "payouts_paid", normalSide: .debit)
    /// Fees providers charged for payouts (debit-normal expense).
    public static let providerFees = LedgerAccount(code: "provider_fees", normalSide: .debit)

    /// The accounts every ledger has; prefund accounts are added per provider.
    public static let fixed: [LedgerAccount] = [availableForPayouts, payoutsInFlight, payoutsPaid, providerFees]

    /// Money deposited at `provider` to pay out from (debit-normal asset); pending credits are
    /// payouts routed to that provider. Names are lowercase letters, digits, `_` or `-`, 1 to 40 long.
    public static func prefunded(by provider: String) throws(LedgerError) -> LedgerAccount {
        let code = "provider:\(provider):prefunded"
        guard isProviderName(provider) else { throw .invalidAccountCode(code) }
        return LedgerAccount(code: code, normalSide: .debit, provider: provider)
    }

    /// The account a stored code names.
    public init(code: String) throws(LedgerError) {
        if let known = Self.fixed.first(where: { $0.code == code }) {
            self = known
            return
        }
        let parts = code.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "provider", parts[2] == "prefunded" else {
            throw .invalidAccountCode(code)
        }
        self = try Self.prefunded(by: String(parts[1]))
    }

    /// The code.
    public var description: String { code }

    /// Orders by code, for stable listings.
    public static func < (lhs: LedgerAccount, rhs: LedgerAccount) -> Bool { lhs.code < rhs.code }

    private static func isProviderName(_ name: String) -> Bool {
        (1...40).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
