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
        var errors: [Problem.FieldError] = []
        func bad(_ name: String, _ message: String) { errors.append(.init(field: name, message: message)) }
        var seen: Set<String> = []
        for (name, value) in request.queryItems {
            guard Self.known.contains(name) else { bad(name, "is not a known parameter"); continue }
            guard seen.insert(name).inserted else { bad(name, "is given more than once"); continue }
            switch name {
            case "status":
                if let status = PayoutStatus(rawValue: value) { filter.status = status } else {
                    bad(name, "must be one of \(PayoutStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "provider":
                if let provider = ProviderName(rawValue: value) { filter.provider = provider } else {
                    bad(name, "must be one of \(ProviderName.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "bank":
                if let bank = directory.lookup(value) { filter.bank = bank.id } else { bad(name, "is not a known bank or e-wallet") }
            case "reference":
                if value.isEmpty || value.count > 64 { bad(name, "must be 1 to 64 characters") } else { filter.reference = value }
            case "created_from", "created_to":
                guard let time = Timestamp(rfc3339: value) else { bad(name, "must be an RFC 3339 time such as 2026-11-01T00:00:00+07:00"); continue }
                if name == "created_from" { filter.createdFrom = time } else { filter.createdTo = time }
            case "min_amount", "max_amount":
                guard let money = Money(decimal: value) else { bad(name, "must be a decimal amount in whole rupiah"); continue }
                if name == "min_amount" { filter.minAmount = money } else { filter.maxAmount = money }
            case "limit":
                guard let number = Int(value), (1...Self.limitMax).contains(number) else { bad(name, "must be a whole number from 1 to \(Self.limitMax)"); continue }
                limit = number
            default:
                guard let parsed = Cursor(encoded: value) else { bad(name, "is not a cursor this API returned"); continue }
                cursor = parsed
            }
        }
        guard errors.isEmpty else {
            throw Problem(.invalidQuery, detail: "The query has \(errors.count) invalid parameter\(errors.count == 1 ? "" : "s").", errors: errors)
        }
    }
}
