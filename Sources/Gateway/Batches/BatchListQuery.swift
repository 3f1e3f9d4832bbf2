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
        try QueryReader.read(request, known: ["status", "limit", "cursor"]) { name, value, bad in
            switch name {
            case "status":
                if let status = BatchStatus(rawValue: value) { filter.status = status } else {
                    bad("must be one of \(BatchStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "limit":
                limit = QueryReader.limit(value, max: Self.limitMax, bad) ?? limit
            default:
                if let parsed = Cursor(encoded: value) { cursor = parsed } else { bad(QueryReader.badCursor) }
            }
        }
    }
}
