import HTTP
import HTTPServer
import Ledger
import Payouts
import Postgres
import Store

/// `/v1/ledger/entries` and `/v1/balances` for finance tools (scope `ledger:read`).
struct LedgerRoutes: Sendable {
    let authenticator: Authenticator
    let pool: PostgresPool
    let ledger: LedgerStore
    let providerBalances: ProviderBalances

    func register(in router: inout Router) {
        router.get("/v1/ledger/entries", .async { try await entries($0) })
        router.get("/v1/balances", .async { try await balances($0) })
    }

    func entries(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .ledgerRead)
        let query = try LedgerEntryQuery(request)
        let ledger = ledger
        if CSVExport.isWanted(request) {
            return try await CSVExport.ledgerEntries(pool: pool, ledger: ledger, filter: query.filter)
        }
        let (filter, cursor, limit) = (query.filter, query.cursor, query.limit)
        let page = try await pool.withConnection { try ledger.entries(filter: filter, after: cursor, limit: limit, on: $0) }
        var json = JSONWriter()
        json.object { json in
            json.key("data")
            json.array { json in
                for entry in page.entries { Self.write(entry, into: &json) }
            }
            json.field("next_cursor", page.nextCursor?.string)
        }
        return JSONResponse.make(.ok, body: json.bytes)
    }

    static func write(_ entry: LedgerEntry, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", String(entry.id))
            json.field("journal_id", entry.journalID)
            json.field("payout_id", entry.payoutID)
            json.field("account", entry.account)
            json.field("direction", entry.direction.rawValue)
            json.field("amount", Money(rupiah: entry.amount)?.decimalString)
            json.field("status", entry.status.rawValue)
            json.field("created_at", entry.createdAt)
        }
    }

    func balances(_ request: ServerRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request, requiring: .ledgerRead)
        guard request.queryItems.isEmpty else {
            throw Problem(.invalidQuery, detail: "This endpoint takes no query parameters.",
                          errors: request.queryItems.map { .init(field: $0.name, message: "is not a known parameter") })
        }
        let ledger = ledger
        // The providers are asked while the database is read.
        async let reported = providerBalances.lines()
        let balances = try await pool.withConnection { try ledger.balances(on: $0) }
        let lines = await reported
        var json = JSONWriter()
        json.object { json in
            json.key("data")
            json.array { json in
                for code in balances.keys.sorted() {
                    guard let balance = balances[code] else { continue }
                    json.object { json in
                        json.field("account", code)
                        json.field("normal_side", balance.normalSide.rawValue)
                        json.field("posted", Self.signed(balance.posted))
                        json.field("pending_debits", Self.signed(balance.pendingDebits))
                        json.field("pending_credits", Self.signed(balance.pendingCredits))
                        json.field("available", Self.signed(balance.available))
                    }
                }
            }
            json.key("providers")
            json.array { json in
                for line in lines { ProviderBalances.write(line, ledger: balances, into: &json) }
            }
        }
        return JSONResponse.make(.ok, body: json.bytes)
    }

    /// Whole rupiah as a decimal string with two places; balances may be negative. By magnitude,
    /// so even Int64.min (an overflowed balance) is written rather than trapping on negation.
    static func signed(_ rupiah: Int64) -> String {
        (rupiah < 0 ? "-" : "") + String(rupiah.magnitude) + ".00"
    }
}

/// The query of `GET /v1/ledger/entries`.
struct LedgerEntryQuery {
    static let known: Set<String> = ["account", "payout_id", "status", "created_from", "created_to", "limit", "cursor"]
    var filter = LedgerEntryFilter()
    var cursor: LedgerCursor?
    var limit = 100

    init(_ request: ServerRequest) throws {
        try QueryReader.read(request, known: Self.known) { name, value, bad in
            switch name {
            case "account":
                if (try? LedgerAccount(code: value)) != nil { filter.account = value } else { bad("is not a ledger account") }
            case "payout_id":
                if value.isEmpty || value.count > 64 { bad("must be 1 to 64 characters") } else { filter.payoutID = value }
            case "status":
                if let status = PostingStatus(rawValue: value) { filter.status = status } else { bad("must be pending, posted or voided") }
            case "created_from", "created_to":
                guard let time = Timestamp(rfc3339: value) else { return bad("must be an RFC 3339 time such as 2026-11-01T00:00:00+07:00") }
                if name == "created_from" { filter.createdFrom = time.rfc3339 } else { filter.createdTo = time.rfc3339 }
            case "limit":
                limit = QueryReader.limit(value, max: LedgerStore.pageSizeMax, bad) ?? limit
            default:
                if let parsed = try? LedgerCursor(value) { cursor = parsed } else { bad(QueryReader.badCursor) }
            }
        }
    }
}
