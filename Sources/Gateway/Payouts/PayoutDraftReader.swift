import Payouts

/// Reads the create-payout body into a draft, recording wrong types and unknown fields.
enum PayoutDraftReader {
    static func read(_ body: inout JSONBody) -> PayoutDraft {
        var draft = PayoutDraft()
        draft.reference = body.string("reference")
        draft.amount = body.string("amount")
        draft.currency = body.string("currency")
        if var nested = body.object("beneficiary") {
            draft.beneficiary = PayoutDraft.Beneficiary(
                bank: nested.string("bank"), accountNumber: nested.string("account_number"),
                accountName: nested.string("account_name"), email: nested.string("email"), phone: nested.string("phone"))
            body.merge(nested)
        }
        draft.clearing = body.string("clearing")
        draft.provider = body.string("provider")
        draft.description = body.string("description")
        draft.metadata = body.stringMap("metadata")
        draft.validateAccount = body.bool("validate_account")
        body.refuseUnknownMembers()
        return draft
    }

    /// `execute`: `when_open` (the default: wait for a closed rail's window) or `immediately`
    /// (refuse rather than schedule). Read before `read`, which refuses unknown members.
    static func readExecute(_ body: inout JSONBody) -> Bool {
        switch body.string("execute") {
        case nil, "when_open": return false
        case "immediately": return true
        default:
            body.record(field: "execute", message: "must be when_open or immediately")
            return false
        }
    }

    /// Type errors first; value errors only for fields whose type was right.
    static func validate(_ draft: PayoutDraft, body: JSONBody, directory: BankDirectory) -> Result<PayoutRequest, Problem> {
        check(draft, body: body, directory: directory).mapError { failure in
            Problem(.validationFailed, detail: "The payout has \(failure.count) invalid field\(failure.count == 1 ? "" : "s").",
                    errors: failure.errors)
        }
    }

    /// The request, or every error with its field named from the body's root (`items[3].amount`
    /// when `body` is an item of a batch).
    static func check(_ draft: PayoutDraft, body: JSONBody, directory: BankDirectory) -> Result<PayoutRequest, FieldErrors> {
        let result = PayoutRequest.validate(draft, directory: directory)
        var errors = body.errors
        let typed = Set(body.errors.map(\.field))
        if case .failure(let failure) = result {
            for issue in failure.issues {
                let field = body.path.isEmpty ? issue.field : body.path + "." + issue.field
                if !typed.contains(field) { errors.append(.init(field: field, message: issue.message)) }
            }
        }
        if errors.isEmpty, case .success(let request) = result { return .success(request) }
        return .failure(FieldErrors(errors))
    }
}

/// Field errors as a thrown value, so they can travel in a `Result`.
struct FieldErrors: Error {
    var errors: [Problem.FieldError]
    var count: Int { errors.count }

    init(_ errors: [Problem.FieldError]) {
        self.errors = errors
    }
}
