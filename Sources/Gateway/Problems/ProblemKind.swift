import HTTP

/// The catalogue of problem types: one stable code, URI, title and status each.
/// Adding a case means adding a test that produces it.
public enum ProblemKind: String, Sendable, CaseIterable {
    case malformedRequest = "malformed_request"
    case malformedJSON = "malformed_json"
    case unsupportedMediaType = "unsupported_media_type"
    case validationFailed = "validation_failed"
    case headersTooLarge = "headers_too_large"
    case payloadTooLarge = "payload_too_large"
    case notImplemented = "not_implemented"
    case versionNotSupported = "http_version_not_supported"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case requestTimeout = "request_timeout"
    case handlerTimeout = "handler_timeout"
    case overloaded = "overloaded"
    case unauthorized = "unauthorized"
    case forbidden = "forbidden"
    case rateLimited = "rate_limited"
    case idempotencyKeyMissing = "idempotency_key_missing"
    case idempotencyKeyReused = "idempotency_key_reused"
    case idempotencyKeyInProgress = "idempotency_key_in_progress"
    case duplicateReference = "duplicate_reference"
    case notCancellable = "not_cancellable"
    case deciderIsCreator = "approval_by_creator"
    case batchNotAwaitingApproval = "batch_not_awaiting_approval"
    case noRoute = "no_route"
    case providerUnavailable = "provider_unavailable"
    case invalidQuery = "invalid_query"
    case callbackRejected = "callback_rejected"
    case endpointDeleted = "webhook_endpoint_deleted"
    case deliveryInFlight = "webhook_delivery_in_flight"
    case notInReview = "not_in_review"
    case attemptsOpen = "attempts_open"
    case databaseUnavailable = "database_unavailable"
    case internalError = "internal_error"

    public var code: String { rawValue }

    /// A relative URI reference (RFC 9457 §3.1.1) that stays stable across deployments.
    public var type: String { "/problems/\(rawValue)" }

    public var status: HTTPStatus {
        switch self {
        case .malformedRequest, .malformedJSON: .badRequest
        case .unsupportedMediaType: .unsupportedMediaType
        case .validationFailed: .unprocessableContent
        case .headersTooLarge: .headerFieldsTooLarge
        case .payloadTooLarge: .payloadTooLarge
        case .notImplemented: .notImplemented
        case .versionNotSupported: .versionNotSupported
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .requestTimeout: .requestTimeout
        case .handlerTimeout: .gatewayTimeout
        case .overloaded, .providerUnavailable, .databaseUnavailable: .serviceUnavailable
        case .unauthorized, .callbackRejected: .unauthorized
        case .forbidden, .deciderIsCreator: .forbidden
        case .rateLimited: .tooManyRequests
        case .idempotencyKeyMissing, .invalidQuery: .badRequest
        case .idempotencyKeyReused, .noRoute: .unprocessableContent
        case .idempotencyKeyInProgress, .duplicateReference, .notCancellable, .endpointDeleted, .deliveryInFlight,
             .batchNotAwaitingApproval, .notInReview, .attemptsOpen: .conflict
        case .internalError: .internalServerError
        }
    }

    public var title: String {
        switch self {
        case .malformedRequest: "Malformed request"
        case .malformedJSON: "Malformed JSON"
        case .unsupportedMediaType: "Unsupported media type"
        case .validationFailed: "Invalid request"
        case .headersTooLarge: "Request header fields too large"
        case .payloadTooLarge: "Request body too large"
        case .notImplemented: "Not implemented"
        case .versionNotSupported: "HTTP version not supported"
        case .notFound: "Not found"
        case .methodNotAllowed: "Method not allowed"
        case .requestTimeout: "Request not received in time"
        case .handlerTimeout: "Request not answered in time"
        case .overloaded: "Too many connections"
        case .unauthorized: "Missing or unknown API key"
        case .forbidden: "API key lacks the scope"
        case .rateLimited: "Too many requests"
        case .idempotencyKeyMissing: "Idempotency-Key missing or invalid"
        case .idempotencyKeyReused: "Idempotency-Key reused with a different request"
        case .idempotencyKeyInProgress: "Request with this Idempotency-Key in progress"
        case .duplicateReference: "Reference already used"
        case .notCancellable: "Payout can no longer be cancelled"
        case .deciderIsCreator: "The batch's creator cannot approve or reject it"
        case .batchNotAwaitingApproval: "Batch is not awaiting approval"
        case .noRoute: "No provider can pay this payout"
        case .providerUnavailable: "No provider could answer"
        case .invalidQuery: "Invalid query parameters"
        case .callbackRejected: "Callback not verified"
        case .endpointDeleted: "Webhook endpoint deleted"
        case .deliveryInFlight: "Webhook delivery in flight"
        case .notInReview: "Payout is not in review"
        case .attemptsOpen: "Another attempt may have paid"
        case .databaseUnavailable: "Database unavailable"
        case .internalError: "Internal error"
        }
    }
}
