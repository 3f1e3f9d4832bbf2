import Crypto
import HTTP
import HTTPServer
import JSON
import Store

/// The `Idempotency-Key` request header (draft-ietf-httpapi-idempotency-key-header).
enum IdempotencyKey {
    static let header = "Idempotency-Key"
    static let lengthMax = 255

    /// The key, required on every POST: 1 to 255 visible ASCII characters.
    static func require(_ request: ServerRequest) throws -> String {
        guard let key = request.headers[header], !key.isEmpty else {
            throw Problem(.idempotencyKeyMissing, detail: "Send an `Idempotency-Key` header (1 to \(lengthMax) visible ASCII characters) with every POST.")
        }
        guard key.utf8.count <= lengthMax, key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw Problem(.idempotencyKeyMissing, detail: "The `Idempotency-Key` must be 1 to \(lengthMax) visible ASCII characters.")
        }
        return key
    }

    /// The first answer to this key, sent again byte for byte; a create's again with its
    /// `Location` (`locationPrefix` and the created resource's `id`), as the first had it.
    static func replay(status: Int, body: [UInt8], locationPrefix: String? = nil) -> HTTPResponse {
        var location: String?
        if let locationPrefix, case .object(let members)? = try? JSONReader.parse(body),
           case .string(let id)? = members.first(where: { $0.key == "id" })?.value {
            location = locationPrefix + id
        }
        var response = JSONResponse.make(HTTPStatus(status), body: body, location: location)
        response.headers.set("Idempotent-Replayed", "true")
        return response
    }

    static var reusedWithDifferentBody: Problem {
        Problem(.idempotencyKeyReused, detail: "This Idempotency-Key was used with a different request body.")
    }

    static var inProgress: Problem {
        Problem(.idempotencyKeyInProgress, detail: "A request with this Idempotency-Key is still being processed; retry shortly.",
                headers: [("Retry-After", "1")])
    }

    /// `problem`, unless the key already answered: a request accepted before is answered as then
    /// even when validating or routing it again would now refuse it (a provider's health, the
    /// clock or the configuration changed), the key used with another body is a 422, and the key
    /// held by a request still running is a 409.
    static func refusal(_ problem: Problem, unlessAnswered claim: IdempotencyClaim, locationPrefix: String,
                        lookUp: (IdempotencyClaim) async throws -> EarlierAnswer?) async throws -> HTTPResponse {
        switch try await lookUp(claim) {
        case .replay(let status, let body): return replay(status: status, body: body, locationPrefix: locationPrefix)
        case .differentRequest: throw reusedWithDifferentBody
        case .inProgress: throw inProgress
        case nil: throw problem
        }
    }

    /// What "the same request" means: method, path and the exact body bytes.
    static func hash(_ request: ServerRequest) -> [UInt8] {
        Digest.sha256(Array("\(request.method.rawValue) \(request.path)\n".utf8) + request.body)
    }
}

/// The answer to an idempotent write: the fresh one, a replay, or the key's problem.
enum IdempotentAnswer {
    static func response<Value>(_ outcome: IdempotentOutcome<Value>, locationPrefix: String? = nil,
                                fresh: (Value) throws -> HTTPResponse) throws -> HTTPResponse {
        switch outcome {
        case .done(let value, _), .refused(let value):
            return try fresh(value)
        case .replay(let status, let body):
            return IdempotencyKey.replay(status: status, body: body, locationPrefix: locationPrefix)
        case .keyReusedWithDifferentBody:
            throw IdempotencyKey.reusedWithDifferentBody
        case .keyInProgress:
            throw IdempotencyKey.inProgress
        }
    }
}
