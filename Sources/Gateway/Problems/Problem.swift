import HTTP
import JSON

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
        var headers = HTTPHeaders([("Content-Type", "application/problem+json")])
        if kind == .overloaded || kind == .databaseUnavailable { headers.add("Retry-After", "1") }
        if kind == .unauthorized { headers.add("WWW-Authenticate", "Bearer") }
        for (name, value) in self.headers { headers.set(name, value) }
        return HTTPResponse(status: kind.status, headers: headers, body: body(instance: instance, requestID: requestID))
    }

    /// One member of the document.
    private enum Member {
        case string(String)
        case integer(Int)
        case errors([FieldError])
        case document(String)
        case null
    }

    /// The members by name (an extension may replace a standard one), written in name order.
    private func body(instance: String, requestID: String) -> [UInt8] {
        var members: [String: Member] = [
            "type": .string(kind.type), "title": .string(kind.title), "status": .integer(kind.status.code),
            "code": .string(kind.code), "detail": .string(detail), "instance": .string(instance),
            "request_id": .string(requestID),
        ]
        if !errors.isEmpty { members["errors"] = .errors(errors) }
        for (key, value) in extensions { members[key] = .string(value) }
        for (key, json) in documents {
            members[key] = (try? JSONReader.parse(Array(json.utf8))) == nil ? .null : .document(json)
        }
        var writer = JSONWriter()
        writer.object { writer in
            for key in members.keys.sorted() {
                writer.key(key)
                switch members[key]! {
                case .string(let text): writer.string(text)
                case .integer(let number): writer.integer(number)
                case .document(let json): writer.raw(json)
                case .null: writer.null()
                case .errors(let errors):
                    writer.array { writer in
                        for error in errors {
                            writer.object { writer in
                                writer.field("field", error.field)
                                writer.field("message", error.message)
                            }
                        }
                    }
                }
            }
        }
        return writer.bytes
    }
}
