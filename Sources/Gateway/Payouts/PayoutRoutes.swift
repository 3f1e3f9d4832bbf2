import Crypto
import HTTP
import HTTPServer
import Ledger
import Payouts
import Postgres
import Routing
import Store

/// `/v1/payouts`: create (idempotent), read, list, audit trail, cancel.
struct PayoutRoutes: Sendable {
    let authenticator: Authenticator
    let store: PayoutStore
    let ledger: LedgerStore
    let directory: BankDirectory
    let routing: RoutingService
    let validator: AccountValidator

    func register(in router: inout Router) {
        router.post("/v1/payouts", .async { try await create($0) })
        router.get("/v1/payouts", .async { try await list($0) })
        router.get("/v1/payouts/{id}", .async { try await show($0) })
        router.get("/v1/payouts/{id}/events", .async { try await events($0) })
        router.post("/v1/payouts/{id}/cancel", .async { try await cancel($0) })
    }

    func create(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .payoutsWrite)
        let key = try IdempotencyKey.require(request)
        var body = try JSONBody(request)
        let executeImmediately = PayoutDraftReader.readExecute(&body)
        let draft = PayoutDraftReader.read(&body)
        let claim = IdempotencyClaim(apiKeyID: caller.keyID, key: key, requestHash: IdempotencyKey.hash(request))
        func refused(_ problem: Problem) async throws -> HTTPResponse {
            try await IdempotencyKey.refusal(problem, unlessAnswered: claim, locationPrefix: "/v1/payouts/", lookUp: store.earlierAnswer)
        }
        let valid: PayoutRequest
        switch PayoutDraftReader.validate(draft, body: body, directory: directory) {
        case .success(let request): valid = request
        case .failure(let problem): return try await refused(problem)
        }
        if let message = validator.refusal(of: valid) {
            return try await refused(Problem(.validationFailed, detail: "The payout has 1 invalid field.",
                                             errors: [.init(field: "validate_account", message: message)]))
        }
        let now = Timestamp.now()
        let decision = routing.decide(valid, executeImmediately: executeImmediately, now: now)
        var payout = Payout(id: SecureRandom.identifier(prefix: "po"), request: valid, createdAt: now)
        payout.executesImmediately = executeImmediately
        switch decision.outcome {
        case .noRoute:
            return try await refused(Problem.noRoute(decision))
        case .scheduled:
            try payout.transition(to: .scheduled, at: now)
            payout.scheduledFor = decision.scheduledFor
        case .dispatch:
            break
        }
        let routingJSON = decision.json  // rendered once: it is the costliest part of accepting a payout
        let stored = StoredPayout(payout: payout, routingJSON: routingJSON)
        let responseBody = PayoutJSON.bytes(stored, unmasked: caller.may(.admin))
        let new = NewPayout(payout: payout, apiKeyID: caller.keyID, idempotencyKey: key,
                            requestHash: claim.requestHash, responseBody: responseBody, actor: caller.name,
                            routingJSON: routingJSON)
        let outcome = try await store.create(new, holdJournalID: LedgerIDs.hold(of: payout.id))
        switch outcome {
        case .created:
            return JSONResponse.make(.accepted, body: responseBody, location: "/v1/payouts/\(payout.id)")
        case .replay(let status, let body):
            return IdempotencyKey.replay(status: status, body: body, locationPrefix: "/v1/payouts/")
        case .keyReusedWithDifferentBody:
            throw IdempotencyKey.reusedWithDifferentBody
        case .keyInProgress:
            throw IdempotencyKey.inProgress
        case .duplicateReference:
            throw Problem(.duplicateReference, detail: "A payout with reference `\(payout.reference)` exists already for this API key.",
                          extensions: ["reference": payout.reference])
        }
    }

    func show(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .payoutsRead)
        let id = request.parameters["id"] ?? ""
        guard let stored = try await store.payout(id: id) else { throw Problem.payoutNotFound(id) }
        return JSONResponse.make(.ok, body: PayoutJSON.bytes(stored, unmasked: caller.may(.admin)))
    }

    func events(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .payoutsRead)
        let id = request.parameters["id"] ?? ""
        guard let events = try await store.events(payoutID: id) else { throw Problem.payoutNotFound(id) }
        var json = JSONWriter()
        json.object { json in
            json.key("data")
            json.array { json in
                for event in events {
                    json.object { json in
                        json.field("id", Int(event.id))
                        json.field("status", event.status)
                        json.field("actor", event.actor)
                        json.field("detail", event.detail)
                        json.field("created_at", event.createdAt.rfc3339)
                    }
                }
            }
            json.field("next_cursor", nil as String?)
        }
        return JSONResponse.make(.ok, body: json.bytes)
    }

    func cancel(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .payoutsWrite)
        let key = try IdempotencyKey.require(request)
        try JSONBody.refuseFields(of: request)
        let id = request.parameters["id"] ?? ""
        let ledger = ledger
        let unmasked = caller.may(.admin)
        let claim = IdempotencyClaim(apiKeyID: caller.keyID, key: key, requestHash: IdempotencyKey.hash(request))
        let outcome = try await store.cancel(id: id, actor: caller.name, at: .now(), idempotency: claim,
                                             answer: { PayoutJSON.bytes($0, unmasked: unmasked) }) { connection in
            try ledger.void(holdOf: id, on: connection)
        }
        if case .refused(.notCancellable(.cancelled)) = outcome, let stored = try await store.payout(id: id) {
            // Cancelling again, under another key, answers like the first time.
            return JSONResponse.make(.ok, body: PayoutJSON.bytes(stored, unmasked: unmasked))
        }
        return try IdempotentAnswer.response(outcome) { result in
            switch result {
            case .cancelled(let stored):
                return JSONResponse.make(.ok, body: PayoutJSON.bytes(stored, unmasked: unmasked))
            case .notFound:
                throw Problem.payoutNotFound(id)
            case .notCancellable(let status):
                throw Problem(.notCancellable, detail: "A payout that is `\(status.rawValue)` can no longer be cancelled.",
                              extensions: ["payout_id": id, "payout_status": status.rawValue])
            case .alreadySent(let status):
                throw Problem(.notCancellable, detail: """
                    This payout was already sent to a provider, which refused it; it waits for the next \
                    provider's clearing window and can no longer be cancelled.
                    """, extensions: ["payout_id": id, "payout_status": status.rawValue])
            }
        }
    }
}

/// Ids for ledger journals written on behalf of payouts.
enum LedgerIDs {
    /// One hold per payout, so its journal id can say so.
    static func hold(of payoutID: String) -> String { payoutID + ":hold" }
}

extension Problem {
    /// No candidate can pay: 422 with every candidate and why it was refused.
    static func noRoute(_ decision: RouteDecision) -> Problem {
        var problem = Problem(.noRoute, detail: decision.noRoute?.message ?? "No provider and clearing type can pay this payout.",
                              extensions: ["failure_code": decision.noRoute?.code.rawValue ?? "no_route"])
        problem.documents["routing"] = decision.json
        return problem
    }

    static func payoutNotFound(_ id: String) -> Problem {
        Problem(.notFound, detail: "No payout has the id `\(id.prefix(64))`.", extensions: ["payout_id": String(id.prefix(64))])
    }
}

/// JSON answers.
enum JSONResponse {
    static func make(_ status: HTTPStatus, body: [UInt8], location: String? = nil) -> HTTPResponse {
        var headers = HTTPHeaders([("Content-Type", "application/json")])
        if let location { headers.add("Location", location) }
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}

extension PayoutRoutes {
    func list(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .payoutsRead)
        let query = try PayoutListQuery(request, directory: directory)
        if CSVExport.isWanted(request) {
            return try await CSVExport.payouts(store: store, filter: query.filter, unmasked: caller.may(.admin))
        }
        let page = try await store.list(query.filter, after: query.cursor, limit: query.limit + 1,
                                        into: PayoutPageJSON(limit: query.limit, unmasked: caller.may(.admin))) { $0.add($1) }
        return JSONResponse.make(.ok, body: page.finished())
    }
}
