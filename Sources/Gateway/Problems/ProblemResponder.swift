import HTTP
import HTTPServer
import Postgres

/// The one place where errors become HTTP responses. Known errors map to a problem kind; a
/// database that is down, overloaded or too slow is a 503; anything else is a 500 with a generic
/// detail, logged once here with its request id.
struct ProblemResponder: Sendable {
    let logger: Logger

    func respond(to error: any Error, for request: ServerRequest) -> HTTPResponse {
        problem(for: error, request: request).response(instance: request.path, requestID: request.requestID)
    }

    func problem(for error: any Error, request: ServerRequest) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let serverError as HTTPServerError:
            return Self.problem(for: serverError)
        case let databaseError as PostgresError where databaseError.isTransient:
            logger.warning("database unavailable", [
                ("route", .string(request.route)), ("request_id", .string(request.requestID)),
                ("error", .string(databaseError.description)),
            ])
            return Problem(.databaseUnavailable, detail: """
                The database could not be reached or did not answer in time. Retry shortly: a POST retried \
                with the same Idempotency-Key is carried out at most once.
                """)
        default:
            logger.error("unhandled error", [
                ("route", .string(request.route)), ("request_id", .string(request.requestID)),
                ("error", .string(String(describing: error))),
            ])
            return Problem(.internalError, detail: "An unexpected error occurred; quote the request id when reporting it.")
        }
    }

    static func problem(for error: HTTPServerError) -> Problem {
        switch error {
        case .malformedRequest(let parseError):
            switch parseError.status.code {
            case 431: return Problem(.headersTooLarge, detail: "The request line or header section is larger than the server accepts.")
            case 413: return Problem(.payloadTooLarge, detail: "The request body is larger than the server accepts.")
            case 501: return Problem(.notImplemented, detail: "Only the chunked transfer coding is supported.")
            case 505: return Problem(.versionNotSupported, detail: "Only HTTP/1.0 and HTTP/1.1 are supported.")
            default: return Problem(.malformedRequest, detail: "The request is not valid HTTP/1.1: \(parseError.reason).")
            }
        case .routeNotFound:
            return Problem(.notFound, detail: "No resource exists at this path.")
        case .methodNotAllowed(let allowed):
            return Problem(.methodNotAllowed, detail: "This path accepts \(allowed.map(\.rawValue).joined(separator: ", ")).")
        case .handlerTimedOut:
            return Problem(.handlerTimeout, detail: "The request took longer than the server allows; it may still complete, so check before retrying.")
        case .requestTimedOut:
            return Problem(.requestTimeout, detail: "The request was not received in time.")
        case .overloaded:
            return Problem(.overloaded, detail: "The server has too many open connections; retry shortly.")
        }
    }
}

extension HTTPParseError {
    /// Text safe to show a client.
    var reason: String {
        if case .badRequest(let reason) = self { return reason }
        return String(describing: self)
    }
}
