import HTTPServer

/// Reads a request's query parameters for a list endpoint: unknown and repeated ones are refused,
/// the rest handed to `each` in request order, and every problem is reported at once as one
/// `invalid_query` problem.
enum QueryReader {
    /// `each` gets a known parameter given once, and `bad` to refuse its value with a reason.
    static func read(_ request: ServerRequest, known: Set<String>,
                     _ each: (_ name: String, _ value: String, _ bad: (String) -> Void) -> Void) throws {
        var errors: [Problem.FieldError] = []
        var seen: Set<String> = []
        for (name, value) in request.queryItems {
            guard known.contains(name) else { errors.append(.init(field: name, message: "is not a known parameter")); continue }
            guard seen.insert(name).inserted else { errors.append(.init(field: name, message: "is given more than once")); continue }
            // No filter or cursor can hold U+0000 (`%00`), and PostgreSQL text cannot carry it.
            guard !value.utf8.contains(0) else { errors.append(.init(field: name, message: "must not contain U+0000")); continue }
            each(name, value) { errors.append(.init(field: name, message: $0)) }
        }
        guard errors.isEmpty else {
            throw Problem(.invalidQuery, detail: "The query has \(errors.count) invalid parameter\(errors.count == 1 ? "" : "s").", errors: errors)
        }
    }

    /// A page size from 1 to `max`, or nil after refusing it.
    static func limit(_ value: String, max: Int, _ bad: (String) -> Void) -> Int? {
        guard let number = Int(value), (1...max).contains(number) else {
            bad("must be a whole number from 1 to \(max)")
            return nil
        }
        return number
    }

    static let badCursor = "is not a cursor this API returned"
}
