import Foundation
import HTTP

/// An RFC 9457 problem document. `code` is stable and is what clients branch on.
public struct Problem: Error, Sendable, Equatable {
    /// One invalid field of a request body or query.
    public struct FieldError: Sendable, Equatable, Codable {
        public var field: String
        public var message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var kind: ProblemKind
    public var detail: String
    public var errors: [FieldError]
    /// Extra members, such as `payout_id`.
    public var extensions: [String: String]
    /// Extra response headers, such as `Retry-After`.
    public var headers: [(String, String)]
    /// Extra members whose values are JSON documents (the `routing` of a `no_route`).
    public var documents: [String: String] = [:]

    public init(_ kind: ProblemKind, detail: String, errors: [FieldError] = [], extensions: [String: String] = [:],
                headers: [(String, String)] = []) {
        self.kind = kind
        self.detail = detail
        self.errors = errors
        self.extensions = extensions
        self.headers = headers
    }

    public static func == (lhs: Problem, rhs: Problem) -> Bool {
        lhs.kind == rhs.kind && lhs.detail == rhs.detail && lhs.errors == rhs.errors && lhs.extensions == rhs.extensions
    }

    /// The problem as an `application/problem+json` response.
    public func response(instance: String, requestID: String) -> HTTPResponse {
        var body: [String: Any] = [
            "type": kind.type, "title": kind.title, "status": kind.status.code, "code": kind.code,
            "detail": detail, "instance": instance, "request_id": requestID,
        ]
        if !errors.isEmpty { body["errors"] = errors.map { ["field": $0.field, "message": $0.message] } }
        for (key, value) in extensions { body[key] = value }
        for (key, json) in documents {
            body[key] = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) ?? NSNull()
        }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        var headers = HTTPHeaders([("Content-Type", "application/problem+json")])
        if kind == .overloaded { headers.add("Retry-After", "1") }
        if kind == .unauthorized { headers.add("WWW-Authenticate", "Bearer") }
        for (name, value) in self.headers { headers.set(name, value) }
        return HTTPResponse(status: kind.status, headers: headers, body: Array(data))
    }
}
