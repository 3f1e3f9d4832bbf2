/// The checks behind `PayoutRequest.validate`, one per field; each records its issues and returns
/// the normalised value, or nil when the field is absent or bad.
struct FieldChecks {
    let limits: PayoutLimits
    private(set) var issues: [FieldIssue] = []

    init(limits: PayoutLimits) {
        self.limits = limits
    }

    /// Issues in wire order of their fields, whatever order the checks ran in.
    var orderedIssues: [FieldIssue] {
        let order = ["reference", "amount", "currency", "beneficiary.bank", "beneficiary.account_number",
                     "beneficiary.account_name", "beneficiary.email", "beneficiary.phone", "clearing",
                     "provider", "description", "metadata"]
        func rank(_ field: String) -> Int {
            order.firstIndex { field == $0 || field.hasPrefix($0 + ".") } ?? order.count
        }
        return issues.enumerated()
            .sorted { (rank($0.element.field), $0.offset) < (rank($1.element.field), $1.offset) }
            .map(\.element)
    }

    mutating func fail(_ field: String, _ message: String) {
        issues.append(FieldIssue(field: field, message: message))
    }

    mutating func required(_ value: String?, _ field: String) -> String? {
        if value == nil { fail(field, "is required") }
        return value
    }

    mutating func reference(_ value: String?) -> String? {
        guard let value = required(value, "reference") else { return nil }
        // DOKU `transaction.id`: letters, digits and `- : . _`, max 64 [seed-002].
        let allowed = value.isASCII { $0.isASCIIAlphanumeric || ".:_-".utf8.contains($0) }
        if value.isEmpty || value.utf8.count > limits.referenceLengthMax {
            fail("reference", "must be 1 to \(limits.referenceLengthMax) characters")
        } else if !allowed {
            fail("reference", "must contain only letters, digits and . _ : -")
        } else {
            return value
        }
        return nil
    }

    mutating func bank(_ value: String?, in directory: BankDirectory) -> Bank? {
        guard let value = required(value, "beneficiary.bank") else { return nil }
        if let bank = directory.lookup(value) { return bank }
        let ideas = directory.suggestions(for: value).map(\.id)
        let hint = ideas.isEmpty ? "" : "; did you mean \(ideas.joined(separator: ", "))?"
        fail("beneficiary.bank", "unknown bank '\(Self.quoted(value))'\(hint)")
        return nil
    }

    mutating func amount(_ value: String?, to bank: Bank?) -> Money? {
        guard let value = required(value, "amount") else { return nil }
        let money: Money
        switch Money.parse(value) {
        case .failure(let error):
            fail("amount", error.description)
            return nil
        case .success(let parsed):
            money = parsed
        }
        let max = bank?.kind == .ewallet ? limits.ewalletAmountMax : limits.amountMax
        if money < limits.amountMin {
            fail("amount", "must be at least \(limits.amountMin.decimalString)")
        } else if money > max {
            let to = bank?.kind == .ewallet ? " for an e-wallet" : ""
            fail("amount", "must be at most \(max.decimalString)\(to)")
        } else {
            return money
        }
        return nil
    }

    mutating func currency(_ value: String?) -> Currency? {
        guard let value = required(value, "currency") else { return nil }
        guard let currency = Currency(rawValue: value) else {
            fail("currency", "must be IDR")
            return nil
        }
        return currency
    }

    mutating func oneOf<Choice: RawRepresentable & CaseIterable>(
        _ type: Choice.Type, _ value: String?, field: String
    ) -> Choice? where Choice.RawValue == String {
        guard let value else { return nil }
        if let choice = Choice(rawValue: value) { return choice }
        fail(field, "must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    /// Shows at most 40 characters of what the client sent, so a message stays short.
    static func quoted(_ value: String) -> String {
        value.count > 40 ? String(value.prefix(40)) + "…" : value
    }
}
