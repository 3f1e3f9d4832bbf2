import HTTP
import HTTPServer
import Payouts
import Routing

/// `POST /v1/routes/preview` and `GET /v1/banks`.
struct RoutingRoutes: Sendable {
    let authenticator: Authenticator
    let directory: BankDirectory
    let routing: RoutingService

    func register(in router: inout Router) {
        router.post("/v1/routes/preview", .async { try await preview($0) })
        router.get("/v1/banks", .async { try await banks($0) })
    }

    /// The same body as a payout; answers the candidates with verdicts, fees and expected
    /// settlement, and stores nothing (so no Idempotency-Key is needed).
    func preview(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .payoutsWrite)
        var body = try JSONBody(request)
        let executeImmediately = PayoutDraftReader.readExecute(&body)
        let draft = PayoutDraftReader.read(&body)
        let valid = try PayoutDraftReader.validate(draft, body: body, directory: directory).get()
        let decision = routing.decide(valid, executeImmediately: executeImmediately, now: .now())
        return JSONResponse.make(.ok, body: Array(decision.json.utf8))
    }

    /// The bank directory with, per bank, the providers and rails that reach it and their limits.
    func banks(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .payoutsRead)
        guard request.queryItems.isEmpty else {
            throw Problem(.invalidQuery, detail: "This endpoint takes no query parameters.",
                          errors: request.queryItems.map { .init(field: $0.name, message: "is not a known parameter") })
        }
        let capabilities = routing.configuration.capabilities
        let calendar = routing.configuration.calendar
        var json = JSONWriter()
        json.object { json in
            json.key("data")
            json.array { json in
                for bank in directory.banks {
                    json.object { json in
                        json.key("bank")
                        BankJSON.write(bank, into: &json)
                        json.key("routes")
                        json.array { json in
                            for reach in RoutingEngine.reach(of: bank, capabilities: capabilities, calendar: calendar) {
                                json.object { json in
                                    json.field("provider", reach.provider.rawValue)
                                    json.field("clearing", reach.clearing.rawValue)
                                    json.field("min_amount", reach.minimum?.decimalString)
                                    json.field("max_amount", reach.maximum?.decimalString)
                                    json.field("fee", reach.fee.decimalString)
                                    json.field("hours", reach.isAlwaysOpen ? "24/7" : "business days")
                                }
                            }
                        }
                    }
                }
            }
        }
        return JSONResponse.make(.ok, body: json.bytes)
    }
}
