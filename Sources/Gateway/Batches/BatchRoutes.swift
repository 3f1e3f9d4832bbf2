import Crypto
import HTTP
import HTTPServer
import Payouts
import Store

/// `/v1/payout-batches`: create (idempotent), read, list, and maker-checker approve or reject.
struct BatchRoutes: Sendable {
    let authenticator: Authenticator
    let store: BatchStore
    let directory: BankDirectory
    let routing: RoutingService
    let validator: AccountValidator

    func register(in router: inout Router) {
        router.post("/v1/payout-batches", .async { try await create($0) })
        router.get("/v1/payout-batches", .async { try await list($0) })
        router.get("/v1/payout-batches/{id}", .async { try await show($0) })
        router.post("/v1/payout-batches/{id}/approve", .async { try await decide($0, approve: true) })
        router.post("/v1/payout-batches/{id}/reject", .async { try await decide($0, approve: false) })
    }

    func create(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .payoutsWrite)
        let key = try IdempotencyKey.require(request)
        var body = try JSONBody(request)
        let now = Timestamp.now()
        let claim = IdempotencyClaim(apiKeyID: caller.keyID, key: key, requestHash: IdempotencyKey.hash(request))
        let form: BatchRequestReader.Form
        do {
            form = try BatchRequestReader(directory: directory, routing: routing, validator: validator).read(&body, now: now)
        } catch let problem as Problem {
            return try await IdempotencyKey.refusal(problem, unlessAnswered: claim, locationPrefix: "/v1/payout-batches/",
                                                 lookUp: store.earlierAnswer)
        }
        var items: [NewBatch.Item] = []
        items.reserveCapacity(form.items.count)
        for item in form.items {
            let payout = try Self.payout(item, approval: form.approval, at: now)
            items.append(NewBatch.Item(payout: payout, routingJSON: item.decision.json,
                                       holdJournalID: LedgerIDs.hold(of: payout.id)))
        }
        var new = NewBatch(id: SecureRandom.identifier(prefix: "pb"), reference: form.reference, approval: form.approval,
                           apiKeyID: caller.keyID, idempotencyKey: key, requestHash: claim.requestHash,
                           responseBody: [], actor: caller.name, createdAt: now, items: items)
        new.responseBody = BatchJSON.created(StoredBatch(new, createdBy: caller.name), payouts: items.map(\.payout))
        switch try await store.create(new) {
        case .created:
            return JSONResponse.make(.accepted, body: new.responseBody, location: "/v1/payout-batches/\(new.id)")
        case .replay(let status, let body):
            return IdempotencyKey.replay(status: status, body: body, locationPrefix: "/v1/payout-batches/")
        case .keyReusedWithDifferentBody:
            throw IdempotencyKey.reusedWithDifferentBody
        case .keyInProgress:
            throw IdempotencyKey.inProgress
        case .duplicateReference:
            throw Problem(.duplicateReference, detail: "A batch with reference `\(form.reference)` exists already for this API key.",
                          extensions: ["reference": form.reference])
        case .duplicateItemReferences(let taken):
            throw Self.takenReferences(taken, items: form.items)
        }
    }

    /// A new payout of the batch: awaiting approval, or pending (scheduled when only a closed
    /// rail can pay it) as a single payout starts.
    static func payout(_ item: BatchRequestReader.Item, approval: BatchApproval, at now: Timestamp) throws -> Payout {
        var payout = Payout(id: SecureRandom.identifier(prefix: "po"), request: item.request, createdAt: now,
                            status: approval == .required ? .awaitingApproval : .pending)
        payout.executesImmediately = item.executeImmediately
        if item.decision.outcome == .scheduled {
            if approval == .auto { try payout.transition(to: .scheduled, at: now) }
            // Kept while awaiting approval too: approval moves it to scheduled if the window is still ahead.
            payout.scheduledFor = item.decision.scheduledFor
        }
        return payout
    }

    static func takenReferences(_ taken: [String], items: [BatchRequestReader.Item]) -> Problem {
        let takenSet = Set(taken)
        let errors = items.enumerated().filter { takenSet.contains($0.element.request.reference) }.map { index, _ in
            Problem.FieldError(field: "items[\(index)].reference", message: "is the reference of an existing payout of this API key")
        }
        return Problem(.duplicateReference, detail: "\(errors.count) item reference\(errors.count == 1 ? " is" : "s are") used by existing payouts; nothing was accepted.",
                       errors: errors)
    }

    func show(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .payoutsRead)
        let id = request.parameters["id"] ?? ""
        guard let batch = try await store.batch(id: id) else { throw Problem.batchNotFound(id) }
        return JSONResponse.make(.ok, body: BatchJSON.bytes(batch))
    }

    func list(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .payoutsRead)
        let query = try BatchListQuery(request)
        let page = try await store.list(query.filter, after: query.cursor, limit: query.limit + 1)
        let shown = page.prefix(query.limit)
        var json = JSONWriter()
        json.object { json in
            json.key("data")
            json.array { json in
                for batch in shown { BatchJSON.write(batch, into: &json) }
            }
            let next = page.count > query.limit ? shown.last.map { Cursor(time: $0.createdAt.microsecondsSinceEpoch, id: $0.id).encoded } : nil
            json.field("next_cursor", next)
        }
        return JSONResponse.make(.ok, body: json.bytes)
    }

    /// Approve or reject: `payouts:approve`, and a key other than the creator's (maker-checker).
    func decide(_ request: ServerRequest, approve: Bool) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .payoutsApprove)
        try JSONBody.refuseFields(of: request)
        // A decision whose answer was lost is replayed on retry, not refused as already decided.
        let claim = IdempotencyClaim(apiKeyID: caller.keyID, key: try IdempotencyKey.require(request),
                                     requestHash: IdempotencyKey.hash(request))
        let id = request.parameters["id"] ?? ""
        let outcome = approve
            ? try await store.approve(id: id, apiKeyID: caller.keyID, actor: caller.name, at: .now(), idempotency: claim,
                                      render: BatchJSON.bytes)
            : try await store.reject(id: id, apiKeyID: caller.keyID, actor: caller.name, at: .now(), idempotency: claim,
                                     render: BatchJSON.bytes)
        return try IdempotentAnswer.response(outcome) { try Self.answer(to: $0, id: id, approve: approve) }
    }

    static func answer(to outcome: BatchDecisionOutcome, id: String, approve: Bool) throws -> HTTPResponse {
        switch outcome {
        case .decided(let batch, _):
            return JSONResponse.make(.ok, body: BatchJSON.bytes(batch))
        case .notFound:
            throw Problem.batchNotFound(id)
        case .deciderIsCreator:
            throw Problem(.deciderIsCreator, detail: "The key that created a batch cannot \(approve ? "approve" : "reject") it; a second key with `payouts:approve` must.",
                          extensions: ["batch_id": id])
        case .notAwaitingApproval(let status):
            throw Problem(.batchNotAwaitingApproval, detail: "A batch that is `\(status.rawValue)` can no longer be approved or rejected.",
                          extensions: ["batch_id": id, "batch_status": status.rawValue])
        }
    }
}

extension Problem {
    static func batchNotFound(_ id: String) -> Problem {
        Problem(.notFound, detail: "No payout batch has the id `\(id.prefix(64))`.", extensions: ["batch_id": String(id.prefix(64))])
    }
}
