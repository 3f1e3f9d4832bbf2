/// Who receives a payout: a resolved bank and a checked account.
public struct Beneficiary: Hashable, Sendable {
    /// The destination bank or e-wallet, resolved in the directory.
    public let bank: Bank
    /// Digits only; for an e-wallet, the holder's phone number.
    public let accountNumber: String
    /// Trimmed holder name.
    public let accountName: String
    /// Optional email.
    public let email: String?
    /// Optional phone, digits with an optional leading `+`.
    public let phone: String?

    /// A beneficiary from already-checked values.
    public init(bank: Bank, accountNumber: String, accountName: String, email: String? = nil, phone: String? = nil) {
        self.bank = bank
        self.accountNumber = accountNumber
        self.accountName = accountName
        self.email = email
        self.phone = phone
    }

    /// The account number with all but the last four characters as `*` (`******3566`), for
    /// responses to keys without `admin` (DESIGN.md, Contract) and for logs.
    public var maskedAccountNumber: String { Self.mask(accountNumber) }

    /// `number` with all but its last four characters as `*`.
    public static func mask(_ number: String) -> String {
        // Account numbers are digits: byte for byte, without walking grapheme clusters.
        if number.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            let count = number.utf8.count
            return String(unsafeUninitializedCapacity: count) { buffer in
                for (index, byte) in number.utf8.enumerated() { buffer[index] = index < count - 4 ? UInt8(ascii: "*") : byte }
                return count
            }
        }
        let shown = number.suffix(4)
        return String(repeating: "*", count: number.count - shown.count) + shown
    }
}

extension Beneficiary: CustomStringConvertible {
    /// Bank and masked account only: descriptions never hold account numbers (STYLE.md §4).
    public var description: String { "\(bank.id) \(maskedAccountNumber)" }
}
