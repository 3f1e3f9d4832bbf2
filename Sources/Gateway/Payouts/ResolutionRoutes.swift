import HTTP
import HTTPServer
import Payouts
import Store

/// `POST /v1/payouts/{id}/resolve`: a person who established a payout's outcome with its provider
/// ends a payout in `needs_review` as paid (by which attempt) or not paid. `admin` only: it moves
/// money in the ledger on a person's word.
struct ResolutionRoutes: Sendable {
    let authenticator: Authenticator
    let store: DispatchStore
    let counters: DispatchCounters
    let logger: Logger

    static let noteBytesMax = 500

    func register(in router: inout Router) {
        router.post("/v1/payouts/{id}/resolve", .async { try await resolve($0) })
    }

    func resolve(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .admin)
        let key = try IdempotencyKey.require(request)
        let resolution = try Self.read(request)
        let id = request.parameters["id"] ?? ""
        let claim = IdempotencyClaim(apiKeyID: caller.keyID, key: key, requestHash: IdempotencyKey.hash(request))
        let outcome = try await store.resolve(payoutID: id, as: resolution.resolution, note: resolution.note, actor: caller.name,
                                              idempotency: claim) { PayoutJSON.bytes($0, unmasked: true) }
        return try IdempotentAnswer.response(outcome) { result in
            switch result {
            case .resolved(let stored):
                counters.settled(stored.payout.status.rawValue)
                logger.warning("payout resolved by a person", [("payout_id", .string(id)), ("key", .string(caller.name)),
                                                               ("status", .string(stored.payout.status.rawValue))])
                return JSONResponse.make(.ok, body: PayoutJSON.bytes(stored, unmasked: true))
            case .notFound:
                throw Problem.payoutNotFound(id)
            case .notInReview(let status):
                throw Problem(.notInReview, detail: "A payout that is `\(status.rawValue)` is settled by its provider, not resolved by hand.",
                              extensions: ["payout_id": String(id.prefix(64)), "payout_status": status.rawValue])
            case .noSuchAttempt:
                throw Problem(.validationFailed, detail: "The payout has no such attempt.",
                              errors: [.init(field: "attempt", message: "is not an attempt of this payout")])
            case .attemptCannotHavePaid:
                throw Problem(.validationFailed, detail: "That attempt never reached its transfer.",
                              errors: [.init(field: "attempt", message: "only inquired, so it cannot have paid")])
            case .attemptsRecordedPaid(let paid):
                let list = paid.map(String.init).joined(separator: ", ")
                throw Problem(.attemptsOpen,
                              detail: "Attempt \(list) is recorded as paid by its provider. Resolve as paid by it, naming any other attempt that may have paid in `unpaid_attempts` once its provider confirms it did not.",
                              extensions: ["payout_id": String(id.prefix(64)), "open_attempts": list])
            case .attemptsOpen(let open):
                let list = open.map(String.init).joined(separator: ", ")
                throw Problem(.attemptsOpen,
                              detail: "Attempt \(list) may also have moved money. Name it in `unpaid_attempts` once its provider confirms it did not pay, or wait for its status check.",
                              extensions: ["payout_id": String(id.prefix(64)), "open_attempts": list])
            }
        }
    }

    /// `{"outcome": "paid", "attempt": 2, "provider_transaction_id": "…", "fee": "2500",
    /// "unpaid_attempts": [3], "note": "…"}` or `{"outcome": "not_paid", "note": "…"}`; every bad
    /// field reported at once.
    static func read(_ request: ServerRequest) throws -> (resolution: Resolution, note: String) {
        var body = try JSONBody(request)
        let outcome = body.string("outcome")
        let attempt = body.integer("attempt", in: 1...1000)
        let transaction = body.string("provider_transaction_id")
        let feeText = body.string("fee")
        let unpaid = body.integerArray("unpaid_attempts", in: 1...1000)
        let note = body.string("note")
        body.refuseUnknownMembers()
        var errors = body.errors
        let typed = Set(errors.map(\.field))
        if !typed.contains("outcome"), outcome != "paid", outcome != "not_paid" {
            errors.append(.init(field: "outcome", message: "must be paid or not_paid"))
        }
        if outcome == "paid", attempt == nil, !typed.contains("attempt") {
            errors.append(.init(field: "attempt", message: "names the attempt that paid"))
        }
        if outcome == "not_paid" {
            for (field, given) in [("attempt", attempt != nil), ("provider_transaction_id", transaction != nil),
                                   ("fee", feeText != nil), ("unpaid_attempts", unpaid != nil)] where given {
                errors.append(.init(field: field, message: "goes only with paid"))
            }
        }
        var fee: Money?
        if let feeText {
            switch Money.parse(feeText) {
            case .success(let money) where money <= PayoutLimits().amountMax: fee = money
            default: errors.append(.init(field: "fee", message: "must be whole rupiah as a decimal string, such as \"2500\""))
            }
        }
        if let transaction, transaction.isEmpty || transaction.utf8.count > 100 || transaction.utf8.contains(0) {
            errors.append(.init(field: "provider_transaction_id", message: "must be 1 to 100 bytes, without U+0000"))
        }
        let noteIsValid = note.map { !$0.trimmingSpaces.isEmpty && $0.utf8.count <= noteBytesMax && !$0.utf8.contains(0) } ?? false
        if !typed.contains("note"), !noteIsValid {
            errors.append(.init(field: "note", message: "says what was established and how, 1 to \(noteBytesMax) bytes without U+0000"))
        }
        guard errors.isEmpty, let note else {
            throw Problem(.validationFailed, detail: "The resolution has \(errors.count) invalid field\(errors.count == 1 ? "" : "s").",
                          errors: errors)
        }
        let resolution: Resolution = outcome == "paid"
            ? .paid(attempt: attempt ?? 0, providerTransactionID: transaction, fee: fee, unpaid: Set(unpaid ?? []))
            : .notPaid
        return (resolution, note)
    }
}
