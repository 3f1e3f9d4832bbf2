import HTTPServer
import Payouts
import Store

/// The query of `GET /v1/payouts`, checked: every bad or unknown parameter is reported at once.
struct PayoutListQuery {
    static let limitDefault = 50
    static let limitMax = 200
    static let known: Set<String> = ["status", "provider", "bank", "reference", "created_from", "created_to",
                                     "min_amount", "max_amount", "limit", "cursor"]

    var filter = PayoutFilter()
    var limit = limitDefault
    var cursor: Cursor?

    init(_ request: ServerRequest, directory: BankDirectory) throws {
        try QueryReader.read(request, known: Self.known) { name, value, bad in
            switch name {
            case "status":
                if let status = PayoutStatus(rawValue: value) { filter.status = status } else {
                    bad("must be one of \(PayoutStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "provider":
                if let provider = ProviderName(rawValue: value) { filter.provider = provider } else {
                    bad("must be one of \(ProviderName.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "bank":
                if let bank = directory.lookup(value) { filter.bank = bank.id } else { bad("is not a known bank or e-wallet") }
            case "reference":
                if value.isEmpty || value.count > 64 { bad("must be 1 to 64 characters") } else { filter.reference = value }
            case "created_from", "created_to":
                guard let time = Timestamp(rfc3339: value) else { return bad("must be an RFC 3339 time such as 2026-11-01T00:00:00+07:00") }
                if name == "created_from" { filter.createdFrom = time } else { filter.createdTo = time }
            case "min_amount", "max_amount":
                guard let money = Money(decimal: value) else { return bad("must be a decimal amount in whole rupiah") }
                if name == "min_amount" { filter.minAmount = money } else { filter.maxAmount = money }
            case "limit":
                limit = QueryReader.limit(value, max: Self.limitMax, bad) ?? limit
            default:
                if let parsed = Cursor(encoded: value) { cursor = parsed } else { bad(QueryReader.badCursor) }
            }
        }
    }
}
