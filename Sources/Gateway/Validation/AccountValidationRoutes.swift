import HTTP
import HTTPServer
import Payouts

/// `POST /v1/account-validations`: who holds an account, and whether that is who the client expects.
struct AccountValidationRoutes: Sendable {
    let authenticator: Authenticator
    let directory: BankDirectory
    let validator: AccountValidator

    func register(in router: inout Router) {
        router.post("/v1/account-validations", .async { try await validate($0) })
    }

    func validate(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .payoutsWrite)
        let checked = try Self.read(try JSONBody(request), directory: directory)
        let result = await validator.validate(bank: checked.bank, accountNumber: checked.accountNumber,
                                              expectedName: checked.expectedName)
        let shownNumber = caller.may(.admin) ? checked.accountNumber : checked.maskedAccountNumber
        switch result {
        case .found, .invalid:
            return JSONResponse.make(.ok, body: AccountValidationJSON.bytes(result, bank: checked.bank, accountNumber: shownNumber))
        case .unavailable(let asked):
            throw Problem(.providerUnavailable,
                          detail: "No provider could check the account now (asked: \(asked.map(\.rawValue).joined(separator: ", "))); retry later.",
                          extensions: ["failure_code": FailureCode.providerUnavailable.rawValue],
                          headers: [("Retry-After", "30")])
        case .notOffered:
            throw Problem(.noRoute, detail: "No configured provider offers an account inquiry for \(checked.bank.name).",
                          extensions: ["failure_code": FailureCode.noRoute.rawValue])
        }
    }

    /// Type errors and unknown fields first; value errors only for fields whose type was right.
    static func read(_ body: JSONBody, directory: BankDirectory) throws -> AccountValidationRequest {
        var body = body
        let bank = body.string("bank")
        let accountNumber = body.string("account_number")
        let expectedName = body.string("expected_name")
        body.refuseUnknownMembers()
        let result = AccountValidationRequest.validate(bank: bank, accountNumber: accountNumber, expectedName: expectedName,
                                                       directory: directory)
        var errors = body.errors
        let typed = Set(body.errors.map(\.field))
        if case .failure(let failure) = result {
            for issue in failure.issues where !typed.contains(issue.field) {
                errors.append(.init(field: issue.field, message: issue.message))
            }
        }
        if errors.isEmpty, case .success(let checked) = result { return checked }
        throw Problem(.validationFailed, detail: "The account validation has \(errors.count) invalid field\(errors.count == 1 ? "" : "s").",
                      errors: errors)
    }
}

/// The answer's one shape.
enum AccountValidationJSON {
    static func bytes(_ result: AccountValidationResult, bank: Bank, accountNumber: String) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.key("bank")
            BankJSON.write(bank, into: &json)
            json.field("account_number", accountNumber)
            switch result {
            case let .found(provider, accountName, nameMatch):
                json.field("account_name", accountName)
                json.field("valid", true)
                json.field("name_match", nameMatch?.rawValue)
                json.field("provider", provider.rawValue)
                json.key("failure")
                json.null()
            case let .invalid(provider, failure):
                json.field("account_name", nil as String?)
                json.field("valid", false)
                json.field("name_match", nil as String?)
                json.field("provider", provider.rawValue)
                json.key("failure")
                json.object { json in
                    json.field("code", failure.code.rawValue)
                    json.field("message", failure.message)
                    json.field("provider", provider.rawValue)
                    json.field("provider_code", failure.providerCode)
                }
            case .unavailable, .notOffered:
                preconditionFailure("only a provider's verdict is rendered; the others are problems")
            }
        }
        return json.bytes
    }
}
