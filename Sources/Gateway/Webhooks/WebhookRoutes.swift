import Crypto
import HTTP
import HTTPServer
import Store

/// `/v1/webhook-endpoints` and `/v1/webhook-deliveries`: client webhooks, for `admin` keys only.
struct WebhookRoutes: Sendable {
    let authenticator: Authenticator
    let store: WebhookStore
    /// `WEBHOOK_ALLOW_PRIVATE_URLS`: a URL may name a loopback, private or reserved address.
    let allowsPrivateURLs: Bool

    func register(in router: inout Router) {
        router.post("/v1/webhook-endpoints", .async { try await create($0) })
        router.get("/v1/webhook-endpoints", .async { try await list($0) })
        router.get("/v1/webhook-endpoints/{id}", .async { try await show($0) })
        router.delete("/v1/webhook-endpoints/{id}", .async { try await delete($0) })
        router.get("/v1/webhook-deliveries", .async { try await deliveries($0) })
        router.get("/v1/webhook-deliveries/{id}", .async { try await delivery($0) })
        router.post("/v1/webhook-deliveries/{id}/redeliver", .async { try await redeliver($0) })
    }

    /// 201 with the signing secret: the only answer that ever shows it (and its replays).
    func create(_ request: ServerRequest) async throws -> HTTPResponse {
        let caller = try await authenticator.authenticate(request, requiring: .admin)
        let claim = IdempotencyClaim(apiKeyID: caller.keyID, key: try IdempotencyKey.require(request),
                                     requestHash: IdempotencyKey.hash(request))
        let draft = try WebhookEndpointReader.read(try JSONBody(request), allowsPrivateURLs: allowsPrivateURLs)
        let endpoint = WebhookEndpoint(id: SecureRandom.identifier(prefix: "we"), url: draft.url, events: draft.events,
                                       createdAt: .now())
        let secret = SecureRandom.token(prefix: "whsec")
        let body = WebhookJSON.bytes(endpoint, signingSecret: secret)
        let new = NewWebhookEndpoint(endpoint: endpoint, signingSecret: secret, createdBy: caller.keyID)
        let outcome = try await store.create(new, idempotency: claim, responseBody: body)
        return try IdempotentAnswer.response(outcome, locationPrefix: "/v1/webhook-endpoints/") { _ in
            JSONResponse.make(.created, body: body, location: "/v1/webhook-endpoints/\(endpoint.id)")
        }
    }

    func list(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .admin)
        try Self.refuseQuery(request)
        let endpoints = try await store.endpoints()
        var json = JSONWriter()
        json.object { json in
            json.key("data")
            json.array { json in endpoints.forEach { WebhookJSON.write($0, into: &json) } }
            json.field("next_cursor", nil as String?)
        }
        return JSONResponse.make(.ok, body: json.bytes)
    }

    func show(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .admin)
        let id = request.parameters["id"] ?? ""
        guard let endpoint = try await store.endpoint(id: id) else { throw Problem.endpointNotFound(id) }
        return JSONResponse.make(.ok, body: WebhookJSON.bytes(endpoint))
    }

    /// 204, also for an endpoint deleted before: the state asked for holds.
    func delete(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .admin)
        let id = request.parameters["id"] ?? ""
        guard try await store.deleteEndpoint(id: id) else { throw Problem.endpointNotFound(id) }
        return HTTPResponse(status: .noContent)
    }

    /// The list answers have no parameters; a typo must not look like a filter that matched.
    static func refuseQuery(_ request: ServerRequest) throws {
        let names = request.queryItems.map(\.name)
        guard names.isEmpty else {
            throw Problem(.invalidQuery, detail: "This list takes no query parameters.",
                          errors: names.map { .init(field: $0, message: "is not a known parameter") })
        }
    }
}

extension Problem {
    static func endpointNotFound(_ id: String) -> Problem {
        Problem(.notFound, detail: "No webhook endpoint has the id `\(id.prefix(64))`.", extensions: ["endpoint_id": String(id.prefix(64))])
    }

    static func deliveryNotFound(_ id: String) -> Problem {
        Problem(.notFound, detail: "No webhook delivery has the id `\(id.prefix(64))`.", extensions: ["delivery_id": String(id.prefix(64))])
    }
}
