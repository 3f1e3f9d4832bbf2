/// A bank or e-wallet a payout can be sent to, with its code under every scheme we know.
///
/// Source of every value: providers/bank-codes.md (columns and source keys explained there).
public struct Bank: Hashable, Sendable, Identifiable {
    /// Whether the destination is a bank account or an e-wallet (phone number) account.
    public enum Kind: String, Hashable, Sendable {
        /// A bank account, addressed by account number.
        case bank
        /// An e-wallet, addressed by the holder's phone number.
        case ewallet
    }

    /// How far to trust the SWIFT / BI-member code (bank-codes.md "confidence").
    public enum Confidence: String, Hashable, Sendable {
        /// An official provider document, or two independent sources agree.
        case confirmed
        /// One third-party list only.
        case single
        /// Sources disagree; the other code is kept in `aliases`.
        case conflict
        /// Taken from an older name of the bank; the rename is not verified.
        case unverified
    }

    /// Canonical lowercase short name, stable on the wire (`bca`, `mandiri`, `ovo`).
    public let id: String
    /// Human name as bank-codes.md writes it.
    public let name: String
    /// Bank or e-wallet.
    public let kind: Kind
    /// 3-digit Bank Indonesia code (Duitku `bankCode`, SingaPay `bank_code`, SNAP) [seed-004].
    public let biCode: String?
    /// 8-character SWIFT or BI-member code (DOKU `account_destination.code`, SingaPay `bank_swift_code`).
    public let swiftCode: String?
    /// How far `swiftCode` can be trusted; nil when there is no code.
    public let swiftConfidence: Confidence?
    /// Durianpay legacy `bank_code`; only the confirmed ones (`bca`, `cimb`, `bni`), never a guess.
    public let durianpayCode: String?
    /// Duitku's 4-digit e-wallet `bankCode` (`1010` OVO …) [seed-004].
    public let duitkuWalletCode: String?
    /// Whether Duitku's bank list flags the bank as a BI-FAST participant [seed-004].
    public let isBIFastParticipant: Bool
    /// For a Syariah business unit (UUS): the parent bank's id, whose BI code addresses it in
    /// 3-digit schemes (bank-codes.md, "Syariah business units").
    public let parentID: String?
    /// Other names that resolve to this bank: former names, the other side of a code conflict.
    public let aliases: [String]

    /// Describes one institution; `swiftConfidence` defaults to `.single` when a code is given.
    public init(
        id: String, name: String, kind: Kind = .bank, biCode: String? = nil,
        swiftCode: String? = nil, swiftConfidence: Confidence? = nil, durianpayCode: String? = nil,
        duitkuWalletCode: String? = nil, isBIFastParticipant: Bool = false, parentID: String? = nil,
        aliases: [String] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.biCode = biCode
        self.swiftCode = swiftCode
        self.swiftConfidence = swiftCode == nil ? nil : (swiftConfidence ?? .single)
        self.durianpayCode = durianpayCode
        self.duitkuWalletCode = duitkuWalletCode
        self.isBIFastParticipant = isBIFastParticipant
        self.parentID = parentID
        self.aliases = aliases
    }

    /// Every string that `BankDirectory.lookup(_:)` resolves to this bank, lowercased.
    public var lookupKeys: [String] {
        let codes = [id, biCode, swiftCode, durianpayCode, duitkuWalletCode].compactMap { $0 }
        var seen = Set<String>()
        return (codes + aliases).map { $0.lowercased() }.filter { seen.insert($0).inserted }
    }
}
