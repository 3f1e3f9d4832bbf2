/// A request to look an account up at its bank, checked by the rules of a payout's beneficiary.
public struct AccountValidationRequest: Hashable, Sendable {
    /// The bank, resolved in the directory.
    public let bank: Bank
    /// Digits only; for an e-wallet, the holder's mobile number.
    public let accountNumber: String
    /// The holder name the client expects, trimmed; nil when none was given.
    public let expectedName: String?

    /// A request from already-checked values.
    public init(bank: Bank, accountNumber: String, expectedName: String? = nil) {
        self.bank = bank
        self.accountNumber = accountNumber
        self.expectedName = expectedName
    }

    /// Checks every value at once, naming fields as this request spells them (`bank`,
    /// `account_number`, `expected_name`).
    public static func validate(
        bank: String?, accountNumber: String?, expectedName: String?, directory: BankDirectory,
        limits: PayoutLimits = PayoutLimits()
    ) -> Result<AccountValidationRequest, ValidationFailure> {
        var check = FieldChecks(limits: limits)
        let resolved = check.bank(bank, in: directory)
        let number = check.accountNumber(accountNumber, at: resolved)
        let name = expectedName.flatMap { check.accountName($0) }
        guard check.issues.isEmpty, let resolved, let number else {
            let renamed = check.orderedIssues.map { FieldIssue(field: Self.wireNames[$0.field] ?? $0.field, message: $0.message) }
            return .failure(ValidationFailure(issues: renamed))
        }
        return .success(AccountValidationRequest(bank: resolved, accountNumber: number, expectedName: name))
    }

    /// The beneficiary checks name their fields as a payout does.
    static let wireNames = [
        "beneficiary.bank": "bank", "beneficiary.account_number": "account_number",
        "beneficiary.account_name": "expected_name",
    ]

    /// The account number masked as a payout's is (`******3566`).
    public var maskedAccountNumber: String { Beneficiary.mask(accountNumber) }
}
