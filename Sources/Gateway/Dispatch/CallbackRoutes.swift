import HTTP
import HTTPServer
import Payouts
import Store

/// `POST /v1/callbacks/{provider}`: a provider's news about an attempt, verified against the raw
/// body with that provider's scheme (no API key). Applying it goes through the same recording
/// as status checks, so repeats change nothing and a late `processing` never undoes a final state.
struct CallbackRoutes: Sendable {
    let providers: ProviderRegistry
    let store: DispatchStore
    let counters: DispatchCounters
    let logger: Logger

    func register(in router: inout Router) {
        router.post("/v1/callbacks/{provider}", .async { try await receive($0) })
    }

    func receive(_ request: ServerRequest) async throws -> HTTPResponse {
        let given = request.parameters["provider"] ?? ""
        guard let name = ProviderName(rawValue: given), let adapter = providers[name] else {
            throw Problem(.notFound, detail: "No provider named `\(given.prefix(32))` is configured here.")
        }
        let callback = ProviderCallback(headers: request.headers.map { ($0.name, $0.value) }, body: request.body,
                                        path: request.path)
        let news: CallbackNews
        switch adapter.verifyCallback(callback) {
        case .rejected(let reason):
            counters.callback(name.rawValue, "rejected")
            logger.warning("provider callback rejected", [("provider", .string(name.rawValue)), ("reason", .string(reason))])
            throw Problem(.callbackRejected, detail: "The callback's signature or body did not verify; nothing was changed.")
        case .ignored(let reason, let acknowledgement):
            counters.callback(name.rawValue, "ignored")
            logger.info("provider callback ignored", [("provider", .string(name.rawValue)), ("reason", .string(reason))])
            try await store.storeCallback(provider: name, reference: "", payoutID: nil, outcome: "ignored", effect: "ignored",
                                          body: request.body)
            return Self.answer(acknowledgement)
        case .unreadable(let reason, let acknowledgement):
            // Genuine but unmatched to any attempt: kept for a person, as a callback for an
            // unknown payout is, and logged as an error (its payout may wait for this word).
            counters.callback(name.rawValue, "unreadable")
            logger.error("signed provider callback could not be read, stored", [
                ("provider", .string(name.rawValue)), ("reason", .string(reason)),
            ])
            try await store.storeCallback(provider: name, reference: "", payoutID: nil, outcome: "unreadable",
                                          effect: "unreadable", body: request.body)
            return Self.answer(acknowledgement)
        case .verified(let verified):
            news = verified
        }
        let attempt = try await store.attempt(provider: name, reference: news.attempt)
        let effect: RecordEffect = if let attempt {
            try await store.record(await confirmed(news, of: attempt, by: adapter), for: attempt,
                                   actor: "callback:\(name.rawValue)")
        } else {
            .unknownAttempt
        }
        let label = Self.label(effect)
        try await store.storeCallback(provider: name, reference: news.attempt.providerReference, payoutID: attempt?.payoutID,
                                      outcome: Self.label(news.outcome), effect: label, body: request.body)
        counters.callback(name.rawValue, label)
        switch effect {
        case .unknownAttempt:
            logger.warning("provider callback for no known attempt, stored", [("provider", .string(name.rawValue))])
        case .conflict(let what, let toReview):
            logger.error("provider callback contradicts a recorded outcome", [
                ("provider", .string(name.rawValue)), ("payout_id", .string(attempt?.payoutID ?? "")), ("conflict", .string(what)),
            ])
            if toReview { counters.settled("needs_review") }
        case .succeeded: counters.settled("succeeded")
        case .payoutFailed: counters.settled("failed")
        case .unchanged, .noted, .attemptFailed: break
        }
        return Self.answer(news.acknowledgement)
    }

    /// The outcome to record. A final word whose status the signature does not cover is asked of
    /// the provider, for the attempt as stored (not as the body names it): an edited copy of a
    /// genuine callback can then at most cause a status check.
    private func confirmed(_ news: CallbackNews, of attempt: AttemptRecord, by adapter: any PayoutProvider) async -> ProviderOutcome {
        guard !news.statusIsSigned else { return news.outcome }
        switch news.outcome {
        case .succeeded, .failed:
            counters.callback(attempt.provider.rawValue, "status_checked")
            return await adapter.status(of: attempt.reference)
        case .accepted, .unknown:
            return news.outcome
        }
    }

    static func answer(_ ack: CallbackAcknowledgement) -> HTTPResponse {
        HTTPResponse(status: HTTPStatus(ack.status), headers: HTTPHeaders([("Content-Type", ack.contentType)]),
                     body: Array(ack.body.utf8))
    }

    static func label(_ effect: RecordEffect) -> String {
        switch effect {
        case .unchanged: "unchanged"
        case .noted: "noted"
        case .succeeded: "succeeded"
        case .attemptFailed: "attempt_failed"
        case .payoutFailed: "payout_failed"
        case .conflict: "conflict"
        case .unknownAttempt: "unknown_attempt"
        }
    }

    static func label(_ outcome: ProviderOutcome) -> String {
        switch outcome {
        case .accepted: "accepted"
        case .succeeded: "succeeded"
        case .failed(let refusal): "failed:\(refusal.code.rawValue)"
        case .unknown: "unknown"
        }
    }
}
