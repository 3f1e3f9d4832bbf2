import HTTPServer
import Payouts
import Store

/// The query of `GET /v1/payout-batches`, checked: every bad or unknown parameter is reported at once.
struct BatchListQuery {
    static let limitDefault = 50
    static let limitMax = 200

    var filter = BatchFilter()
    var limit = limitDefault
    var cursor: Cursor?

    init(_ request: ServerRequest) throws {
        var errors: [Problem.FieldError] = []
        var seen: Set<String> = []
        for (name, value) in request.queryItems {
            guard seen.insert(name).inserted else { errors.append(.init(field: name, message: "is given more than once")); continue }
            switch name {
            case "status":
                if let status = BatchStatus(rawValue: value) { filter.status = status } else {
                    errors.append(.init(field: name, message: "must be one of \(BatchStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            case "limit":
                if let number = Int(value), (1...Self.limitMax).contains(number) { limit = number } else {
                    errors.append(.init(field: name, message: "must be a whole number from 1 to \(Self.limitMax)"))
                }
            case "cursor":
                if let parsed = Cursor(encoded: value) { cursor = parsed } else {
                    errors.append(.init(field: name, message: "is not a cursor this API returned"))
                }
            default:
                errors.append(.init(field: name, message: "is not a known parameter"))
            }
        }
        guard errors.isEmpty else {
            throw Problem(.invalidQuery, detail: "The query has \(errors.count) invalid parameter\(errors.count == 1 ? "" : "s").", errors: errors)
        }
    }
}
