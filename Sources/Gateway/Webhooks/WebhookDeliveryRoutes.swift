import HTTP
import HTTPServer
import Store

extension WebhookRoutes {
    func deliveries(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .admin)
        let query = try WebhookDeliveryQuery(request)
        let page = try await store.deliveries(query.filter, after: query.cursor, limit: query.limit + 1)
        let shown = page.prefix(query.limit)
        var json = JSONWriter()
        json.object { json in
            json.key("data")
            json.array { json in shown.forEach { WebhookJSON.write($0, into: &json) } }
            let next = page.count > query.limit ? shown.last.map { Cursor(time: $0.createdAt.microsecondsSinceEpoch, id: $0.id).encoded } : nil
            json.field("next_cursor", next)
        }
        return JSONResponse.make(.ok, body: json.bytes)
    }

    /// One delivery with every try at it.
    func delivery(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .admin)
        let id = request.parameters["id"] ?? ""
        guard let (delivery, history) = try await store.delivery(id: id) else { throw Problem.deliveryNotFound(id) }
        return JSONResponse.make(.ok, body: WebhookJSON.bytes(delivery, history: history))
    }

    /// Queues a new try now, whatever the delivery's status, unless one is in flight. Past the
    /// 24-hour window it gets one try.
    func redeliver(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .admin)
        try JSONBody.refuseFields(of: request)
        let claim = IdempotencyClaim(apiKeyID: caller.keyID, key: try IdempotencyKey.require(request),
                                     requestHash: IdempotencyKey.hash(request))
        let id = request.parameters["id"] ?? ""
        let outcome = try await store.redeliver(id: id, idempotency: claim) { WebhookJSON.bytes($0) }
        return try IdempotentAnswer.response(outcome) { result in
            switch result {
            case .queued(let delivery):
                return JSONResponse.make(.ok, body: WebhookJSON.bytes(delivery))
            case .notFound:
                throw Problem.deliveryNotFound(id)
            case .endpointDeleted:
                throw Problem(.endpointDeleted, detail: "The delivery's webhook endpoint was deleted; there is nowhere to send it.",
                              extensions: ["delivery_id": String(id.prefix(64))])
            case .inFlight:
                throw Problem(.deliveryInFlight, detail: "A try of this delivery is in flight; ask again once it has ended (within a minute).",
                              extensions: ["delivery_id": String(id.prefix(64))])
            }
        }
    }
}

/// The query of `GET /v1/webhook-deliveries`, checked: every bad or unknown parameter is reported at once.
struct WebhookDeliveryQuery {
    static let limitDefault = 50
    static let limitMax = 200
    static let statuses = ["pending", "delivered", "failed"]
    static let known: Set<String> = ["endpoint_id", "status", "event_type", "limit", "cursor"]

    var filter = WebhookDeliveryFilter()
    var limit = limitDefault
    var cursor: Cursor?

    init(_ request: ServerRequest) throws {
        try QueryReader.read(request, known: Self.known) { name, value, bad in
            switch name {
            case "endpoint_id":
                if value.isEmpty || value.utf8.count > 64 { bad("must be 1 to 64 characters") } else { filter.endpointID = value }
            case "status":
                if Self.statuses.contains(value) { filter.status = value } else { bad("must be one of \(Self.statuses.joined(separator: ", "))") }
            case "event_type":
                if WebhookEventType(rawValue: value) != nil { filter.eventType = value } else { bad("must be one of \(WebhookEventType.allowedList)") }
            case "limit":
                limit = QueryReader.limit(value, max: Self.limitMax, bad) ?? limit
            default:
                if let parsed = Cursor(encoded: value) { cursor = parsed } else { bad(QueryReader.badCursor) }
            }
        }
    }
}
