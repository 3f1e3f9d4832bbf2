/// Every bound the gateway puts on a create-payout request, with where it comes from.
///
/// Where providers differ the gateway accepts what at least one of them can pay and leaves the
/// choice to routing; where a field is passed to every provider, the smallest documented bound wins.
public struct PayoutLimits: Hashable, Sendable {
    /// Smallest payout: SingaPay [sp-limits], DOKU RDL [seed-002] and Duitku RTOL [dk-overview]
    /// all document 10,000; Durianpay documents none (clearing-rules.md §2 rule 1).
    public var amountMin = Money(unchecked: 10_000)
    /// Largest payout to a bank: DOKU RDL `transaction.amount` max 999,999,999,999 [seed-002],
    /// the largest any provider documents (RTGS itself has no maximum [bi-rtgs]).
    public var amountMax = Money(unchecked: 999_999_999_999)
    /// Largest payout to an e-wallet: Duitku `listBank` gives OVO 25,000,000 [seed-004], the
    /// largest documented; SingaPay caps wallets at 20,000,000 [sp-limits].
    public var ewalletAmountMax = Money(unchecked: 25_000_000)
    /// Reference length: DOKU `transaction.id` max 64 [seed-002] (SingaPay's 32 [sp-transfer] is
    /// routing's concern: the adapter can send our payout id instead).
    public var referenceLengthMax = 64
    /// Bank account number digits: SingaPay 6–30 digits [sp-transfer], the only provider that
    /// documents digit bounds (DOKU's max 100 and Duitku's string(255) are field widths).
    public var accountNumberDigits = 6...30
    /// E-wallet account (a mobile number, national `08…` or `628…` form) digits: inference from
    /// Indonesian numbering, 10–13 digits nationally; Duitku samples use "082211789110" [seed-004].
    public var walletNumberDigits = 10...14
    /// Holder name: DOKU `account_bank_name` max 50 [seed-002].
    public var accountNameLengthMax = 50
    /// Email: RFC 5321 §4.5.3.1 path limit 256 minus the angle brackets; Duitku `email` string(255) [seed-004].
    public var emailLengthMax = 254
    /// Phone digits: ITU-T E.164 allows at most 15; 8 is the shortest plausible subscriber number.
    public var phoneDigits = 8...15
    /// Description: SingaPay `notes` ≤ 100 [sp-transfer], the smallest of the providers' free-text
    /// fields (DOKU description 256 [seed-002], Duitku purpose 255 [seed-004]).
    public var descriptionLengthMax = 100
    /// Metadata: at most 20 keys, keys 1–40 of `[A-Za-z0-9_.-]`, values at most 500 characters;
    /// the gateway's own bounds (metadata never reaches a provider), set by the payouts issue.
    public var metadataKeysMax = 20
    /// See `metadataKeysMax`.
    public var metadataKeyLengthMax = 40
    /// See `metadataKeysMax`.
    public var metadataValueLengthMax = 500

    /// The standard limits.
    public init() {}
}
