extension FieldChecks {
    mutating func accountNumber(_ value: String?, at bank: Bank?) -> String? {
        let field = "beneficiary.account_number"
        guard let value = required(value, field) else { return nil }
        guard value.isASCIIDigits else {
            fail(field, "must contain only digits")
            return nil
        }
        if bank?.kind == .ewallet {
            // An e-wallet is addressed by the holder's mobile number (bank-codes.md, E-wallets).
            let digits = limits.walletNumberDigits
            let mobile = value.hasPrefix("08") || value.hasPrefix("628")
            guard mobile, digits.contains(value.count) else {
                fail(field, "must be the e-wallet's mobile number: \(digits.lowerBound) to \(digits.upperBound) digits starting 08 or 628")
                return nil
            }
        } else if !limits.accountNumberDigits.contains(value.count) {
            let digits = limits.accountNumberDigits
            fail(field, "must be \(digits.lowerBound) to \(digits.upperBound) digits")
            return nil
        }
        return value
    }

    mutating func accountName(_ value: String?) -> String? {
        let field = "beneficiary.account_name"
        guard let value = required(value, field)?.trimmingWhitespace else { return nil }
        // Counted in Unicode scalars, never fewer than what a provider counts in characters.
        if value.isEmpty {
            fail(field, "must not be blank")
        } else if value.unicodeScalars.count > limits.accountNameLengthMax {
            fail(field, "must be at most \(limits.accountNameLengthMax) characters")
        } else if !value.isPrintable {
            fail(field, "must contain only printable characters")
        } else {
            return value
        }
        return nil
    }

    mutating func email(_ value: String?) -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let plausible = parts.count == 2 && !parts[0].isEmpty && parts[0].utf8.count <= 64
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && value.isASCII { $0 > 0x20 && $0 < 0x7F }
        if value.utf8.count > limits.emailLengthMax {
            fail("beneficiary.email", "must be at most \(limits.emailLengthMax) characters")
        } else if !plausible {
            fail("beneficiary.email", "must be an email address such as name@example.com")
        } else {
            return value
        }
        return nil
    }

    mutating func phone(_ value: String?) -> String? {
        guard let value else { return nil }
        let digits = value.hasPrefix("+") ? String(value.dropFirst()) : value
        let bounds = limits.phoneDigits
        guard digits.isASCIIDigits, bounds.contains(digits.count) else {
            fail("beneficiary.phone", "must be \(bounds.lowerBound) to \(bounds.upperBound) digits with an optional leading +")
            return nil
        }
        return value
    }
}
