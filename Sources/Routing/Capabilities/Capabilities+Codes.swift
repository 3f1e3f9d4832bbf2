import Payouts

// How each provider spells a destination (providers/*.md §8), derived from the bank directory.

extension Capabilities {
    /// Duitku: 3-digit BI codes for banks, 4-digit codes for e-wallets [seed-004]; a Syariah unit
    /// goes by its parent's code (bank-codes.md, "Syariah business units").
    static func duitkuCodes(_ directory: BankDirectory) -> [String: String] {
        var codes = biCodes(directory)
        for bank in directory.banks where bank.kind == .ewallet {
            if let code = bank.duitkuWalletCode ?? bank.biCode { codes[bank.id] = code }
        }
        return codes
    }

    /// Banks (not wallets) by 3-digit BI code, units by their parent's (SingaPay [sp-intro], Duitku).
    static func biCodes(_ directory: BankDirectory) -> [String: String] {
        var codes: [String: String] = [:]
        for bank in directory.banks where bank.kind == .bank {
            if let code = bank.biCode {
                codes[bank.id] = code
            } else if let parent = bank.parentID.flatMap(directory.lookup), let code = parent.biCode {
                codes[bank.id] = code
            }
        }
        return codes
    }

    /// DOKU: 8-character SWIFT / BI-member codes [seed-002]; codes whose source conflicts or
    /// comes from an unverified rename are left out until checked (bank-codes.md, Gaps).
    static func swiftCodes(_ directory: BankDirectory) -> [String: String] {
        var codes: [String: String] = [:]
        for bank in directory.banks where bank.kind == .bank {
            guard let code = bank.swiftCode, bank.swiftConfidence != .conflict,
                  bank.swiftConfidence != .unverified else { continue }
            codes[bank.id] = code
        }
        return codes
    }

    /// Durianpay legacy short codes: the directory holds only the confirmed ones.
    static func durianpayCodes(_ directory: BankDirectory) -> [String: String] {
        var codes: [String: String] = [:]
        for bank in directory.banks {
            if let code = bank.durianpayCode { codes[bank.id] = code }
        }
        return codes
    }
}
