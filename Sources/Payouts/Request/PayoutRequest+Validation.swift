extension PayoutRequest {
    /// Checks every value of a draft and reports every bad field at once, or the normalised
    /// request: bank resolved, amount parsed, name trimmed, clearing defaulted to `auto`.
    ///
    /// JSON type errors and unknown fields are the decoder's to report; this sees only values.
    public static func validate(
        _ draft: PayoutDraft, directory: BankDirectory, limits: PayoutLimits = PayoutLimits()
    ) -> Result<PayoutRequest, ValidationFailure> {
        var check = FieldChecks(limits: limits)
        let person = draft.beneficiary ?? PayoutDraft.Beneficiary()
        let reference = check.reference(draft.reference)
        let bank = check.bank(person.bank, in: directory)
        let amount = check.amount(draft.amount, to: bank)
        let currency = check.currency(draft.currency)
        let accountNumber = check.accountNumber(person.accountNumber, at: bank)
        let accountName = check.accountName(person.accountName)
        let email = check.email(person.email)
        let phone = check.phone(person.phone)
        let clearing = check.oneOf(Clearing.self, draft.clearing, field: "clearing") ?? .auto
        let provider = check.oneOf(ProviderName.self, draft.provider, field: "provider")
        let description = check.description(draft.description)
        let metadata = check.metadata(draft.metadata ?? [:])

        guard check.issues.isEmpty, let reference, let amount, let currency, let bank,
              let accountNumber, let accountName else {
            return .failure(ValidationFailure(issues: check.orderedIssues))
        }
        let beneficiary = Beneficiary(bank: bank, accountNumber: accountNumber, accountName: accountName,
                                      email: email, phone: phone)
        return .success(PayoutRequest(
            reference: reference, amount: amount, currency: currency, beneficiary: beneficiary,
            clearing: clearing, provider: provider, description: description, metadata: metadata,
            validatesAccount: draft.validateAccount ?? false
        ))
    }
}
