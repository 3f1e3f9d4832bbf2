import Foundation
@testable import Gateway
import Testing

@Suite struct PayoutReadTests {
    @Test func showsOnePayoutMaskedUnlessAdmin() async throws {
        let gateway = try await GatewayHarness.start()
        let writer = try await gateway.key([.payoutsWrite, .payoutsRead])
        let admin = try await gateway.key([.payoutsRead, .admin])
        let id = try #require(try await gateway.createPayout(payoutBody(), key: writer).json["id"] as? String)
        let masked = try await gateway.get("/v1/payouts/\(id)", key: writer)
        #expect(masked.status == 200)
        #expect(masked.body.contains(#""account_number":"******3566""#))
        let full = try await gateway.get("/v1/payouts/\(id)", key: admin)
        #expect(full.body.contains(#""account_number":"8760673566""#))
        let missing = try await gateway.get("/v1/payouts/po_nothing", key: writer)
        #expect(missing.status == 404)
        #expect(missing.json["payout_id"] as? String == "po_nothing")
        try await gateway.stop()
    }

    @Test func pagesThroughEveryPayoutExactlyOnceNewestFirst() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        var created: [String] = []
        for index in 0..<7 {
            created.append(try #require(try await gateway.createPayout(payoutBody(reference: "p\(index)"), key: key).json["id"] as? String))
        }
        var seen: [String] = []
        var path = "/v1/payouts?limit=3"
        while true {
            let page = try await gateway.get(path, key: key)
            #expect(page.status == 200)
            seen += (page.json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            guard let next = page.json["next_cursor"] as? String else { break }
            path = "/v1/payouts?limit=3&cursor=\(next)"
        }
        #expect(seen == created.reversed())
        try await gateway.stop()
    }

    @Test func filtersByStatusBankReferenceAmountAndTime() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        _ = try await gateway.createPayout(payoutBody(reference: "small", amount: "20000", bank: "bni"), key: key)
        let big = try #require(try await gateway.createPayout(payoutBody(reference: "big", amount: "900000"), key: key).json["id"] as? String)
        func ids(_ query: String) async throws -> [String] {
            let answer = try await gateway.get("/v1/payouts?\(query)", key: key)
            #expect(answer.status == 200, "\(query): \(answer.body)")
            return (answer.json["data"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
        }
        #expect(try await ids("bank=CENAIDJA") == ["big"])
        #expect(try await ids("bank=bni") == ["small"])
        #expect(try await ids("reference=small") == ["small"])
        #expect(try await ids("min_amount=100000") == ["big"])
        #expect(try await ids("max_amount=20000.00") == ["small"])
        #expect(try await ids("status=pending").count == 2)
        #expect(try await ids("status=succeeded").isEmpty)
        #expect(try await ids("created_from=2000-01-01T00:00:00Z&created_to=2000-01-02T00:00:00%2B07:00").isEmpty)
        #expect(try await ids("created_from=2000-01-01T00:00:00Z").count == 2)
        _ = big
        try await gateway.stop()
    }

    @Test func refusesBadQueriesListingEveryProblem() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsRead])
        let answer = try await gateway.get("/v1/payouts?status=paid&limit=201&bank=nowhere&cursor=zzz&colour=red&created_from=yesterday", key: key)
        #expect(answer.status == 400)
        #expect(Set(answer.errorFields) == ["status", "limit", "bank", "cursor", "colour", "created_from"])
        #expect(try await gateway.get("/v1/payouts?limit=200", key: key).status == 200)
        #expect(try await gateway.get("/v1/payouts?limit=0", key: key).status == 400)
        // A cursor of ours never names a time past 9999; such a one is a 400, not a database error.
        for cursor in ["9223372036854775807.po_x", "253402300800000000.po_x", "-1.po_x"] {
            #expect(try await gateway.get("/v1/payouts?cursor=\(cursor)", key: key).errorFields == ["cursor"], "\(cursor)")
        }
        #expect(try await gateway.get("/v1/payouts?cursor=253402300799999999.po_x", key: key).status == 200)
        // Seven to nine fraction digits are read (cut to microseconds), not a crash.
        #expect(try await gateway.get("/v1/payouts?created_from=2026-01-01T00:00:00.1234567Z", key: key).status == 200)
        #expect(try await gateway.get("/v1/payouts", key: key, accept: "text/csv,;").status == 200)
        try await gateway.stop()
    }

    /// PostgreSQL text and jsonb cannot hold U+0000: a `%00` or `\u0000` must be refused as the
    /// caller's mistake before any statement, not fail as a 500 (or cut a CSV export short).
    @Test func refusesNULInQueriesPathsAndMetadata() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead, .ledgerRead])
        for accept in [nil, "text/csv"] {
            let list = try await gateway.get("/v1/payouts?reference=a%00b", key: key, accept: accept)
            #expect(list.status == 400, "\(accept ?? "json"): \(list.body)")
            #expect(list.errorFields == ["reference"])
        }
        #expect(try await gateway.get("/v1/ledger/entries?payout_id=po_1%00", key: key).status == 400)
        #expect(try await gateway.get("/v1/payouts/po_1%00", key: key).status == 404)
        #expect(try await gateway.get("/v1/payouts/po_1%00/events", key: key).status == 404)
        let created = try await gateway.createPayout(payoutBody(extra: #","metadata":{"note":"a\u0000b"}"#), key: key)
        #expect(created.status == 422, "\(created.body)")
        #expect(created.errorFields == ["metadata.note"])
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        try await gateway.stop()
    }

    /// A CSV answer is a 200 only once its first page was read: a read that fails before that
    /// (here the tables are renamed away) answers with a problem document, not a body cut short.
    @Test func anExportWhoseFirstReadFailsIsAProblemNotACutBody() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsRead, .ledgerRead])
        _ = try await gateway.column("ALTER TABLE payouts RENAME TO payouts_away")
        _ = try await gateway.column("ALTER TABLE ledger_postings RENAME TO postings_away")
        for path in ["/v1/payouts", "/v1/ledger/entries"] {
            let export = try await gateway.get(path, key: key, accept: "text/csv")
            #expect(export.status == 500, "\(path): \(export.body)")
            #expect(export.headers["content-type"] == "application/problem+json", "\(path)")
            #expect(export.json["code"] as? String == "internal_error", "\(path)")
        }
        try await gateway.stop()
    }

    @Test func exportsTheFilteredListAsCSV() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        for index in 0..<3 {
            _ = try await gateway.createPayout(payoutBody(reference: "csv\(index)", accountName: index == 0 ? "=HYPERLINK(\\\"x\\\")" : "Ani, S.E."), key: key)
        }
        let csv = try await gateway.get("/v1/payouts?reference=csv0", key: key, accept: "text/csv")
        #expect(csv.status == 200)
        #expect(csv.headers["content-type"] == "text/csv; charset=utf-8")
        #expect(csv.headers["transfer-encoding"] == "chunked")
        let lines = csv.body.split(separator: "\r\n")
        #expect(lines.first == "id,reference,status,amount,currency,bank,account_number,account_name,clearing,provider,failure_code,failure_message,created_at,updated_at")
        #expect(lines.count == 2)
        #expect(lines[1].contains(",csv0,pending,150000.00,IDR,bca,******3566,\"'=HYPERLINK(\"\"x\"\")\",auto,"))
        let all = try await gateway.get("/v1/payouts", key: key, accept: "text/csv")
        #expect(all.body.split(separator: "\r\n").count == 4)
        #expect(all.body.contains("\"Ani, S.E.\""))
        try await gateway.stop()
    }

    /// A resolve note or a provider's refusal text reaches the failure_message column as given.
    @Test func quotesAndGuardsCSVCellsByTheirBytes() {
        let cases: [([String], String)] = [
            // CRLF is one Character: unquoted, it ended the row and the formula after it ran.
            (["po_1", "checked\r\n=1+2"], "po_1,\"checked\r\n=1+2\"\r\n"),
            (["a\nb", "c\rd"], "\"a\nb\",\"c\rd\"\r\n"),
            // `=` or a quote followed by a combining mark is one Character too.
            (["=\u{301}1+2"], "'=\u{301}1+2\r\n"),
            (["a\"\u{301}b"], "\"a\"\"\u{301}b\"\r\n"),
            (["@SUM(A1)", "Ani, S.E.", "150000.00"], "'@SUM(A1),\"Ani, S.E.\",150000.00\r\n"),
        ]
        for (cells, expected) in cases {
            #expect(CSVExport.line(cells) == Array(expected.utf8), "\(cells)")
        }
    }

    @Test func streamsALargeExportInPages() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        try await gateway.app.pool.withConnection { connection in
            // 1,234 rows written directly: more than two export pages.
            try connection.execute("""
                INSERT INTO api_keys (name, key_hash, scopes) VALUES ('bulk', '\\x00', '{}');
                """)
            try connection.execute("""
                INSERT INTO payouts (id, api_key_id, reference, status, amount, currency, bank, account_number, account_name,
                    requested_clearing, clearing, created_at, updated_at)
                SELECT 'po_bulk' || g, (SELECT id FROM api_keys WHERE name = 'bulk'), 'bulk' || g, 'pending', 10000 + g, 'IDR',
                    'bca', '1234567890', 'Bulk Name', 'auto', 'auto', now() - g * interval '1 second', now()
                FROM generate_series(1, 1234) AS g
                """)
        }
        let csv = try await gateway.get("/v1/payouts", key: key, accept: "text/csv")
        let lines = csv.body.split(separator: "\r\n")
        #expect(lines.count == 1235)
        #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[0] }).count == 1234)
        try await gateway.stop()
    }

    @Test func recordsTheAuditTrailAndCancelsBeforeSubmission() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead, .ledgerRead], name: "ops-app")
        let id = try #require(try await gateway.createPayout(payoutBody(amount: "75000"), key: key).json["id"] as? String)
        let cancel = { try await gateway.request("POST", "/v1/payouts/\(id)/cancel", headers: ["Authorization": "Bearer \(key)", "Idempotency-Key": UUID().uuidString]) }
        let cancelled = try await cancel()
        #expect(cancelled.status == 200)
        #expect(cancelled.json["status"] as? String == "cancelled")
        #expect(try await cancel().status == 200)
        let events = try await gateway.get("/v1/payouts/\(id)/events", key: key)
        let trail = (events.json["data"] as? [[String: Any]] ?? []).map { "\($0["status"] ?? "") by \($0["actor"] ?? "")" }
        #expect(trail == ["pending by ops-app", "cancelled by ops-app"])
        #expect(try await gateway.column("SELECT DISTINCT status FROM ledger_postings WHERE payout_id = '\(id)'") == ["voided"])
        #expect(try await gateway.column("SELECT count(*)::text FROM outbox WHERE payout_id = '\(id)'") == ["0"])
        let noKey = try await gateway.request("POST", "/v1/payouts/\(id)/cancel", headers: ["Authorization": "Bearer \(key)"])
        #expect(noKey.status == 400)
        #expect(try await gateway.request("POST", "/v1/payouts/po_none/cancel", headers: ["Authorization": "Bearer \(key)", "Idempotency-Key": "x"]).status == 404)
        #expect(try await gateway.get("/v1/payouts/po_none/events", key: key).status == 404)
        try await gateway.stop()
    }

    /// A cancel is idempotent like every POST: the same key replays its answer, and the same key
    /// on another payout is a reuse, not a second cancel.
    @Test func aCancelUnderTheSameKeyReplaysAndCancelsNothingElse() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let first = try #require(try await gateway.createPayout(payoutBody(), key: key).json["id"] as? String)
        let second = try #require(try await gateway.createPayout(payoutBody(), key: key).json["id"] as? String)
        let cancel = { (id: String) in
            try await gateway.request("POST", "/v1/payouts/\(id)/cancel", headers: ["Authorization": "Bearer \(key)", "Idempotency-Key": "cancel-k"])
        }
        let answered = try await cancel(first)
        #expect(answered.status == 200 && answered.headers["idempotent-replayed"] == nil)
        let replayed = try await cancel(first)
        #expect(replayed.status == 200 && replayed.headers["idempotent-replayed"] == "true")
        #expect(replayed.body == answered.body)
        let reused = try await cancel(second)
        #expect(reused.status == 422)
        #expect(reused.json["code"] as? String == "idempotency_key_reused")
        #expect(try await gateway.column("SELECT status FROM payouts WHERE id = '\(second)'") == ["pending"])
        try await gateway.stop()
    }

    @Test func refusesToCancelAPayoutAlreadyWithAProvider() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let id = try #require(try await gateway.createPayout(payoutBody(), key: key).json["id"] as? String)
        _ = try await gateway.column("UPDATE payouts SET status = 'processing' WHERE id = '\(id)' RETURNING id")
        let answer = try await gateway.request("POST", "/v1/payouts/\(id)/cancel", headers: ["Authorization": "Bearer \(key)", "Idempotency-Key": "c"])
        #expect(answer.status == 409)
        #expect(answer.json["code"] as? String == "not_cancellable")
        try await gateway.stop()
    }

    @Test func balancesShowHeldFunds() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .ledgerRead])
        _ = try await gateway.createPayout(payoutBody(amount: "100000"), key: key)
        let balances = try await gateway.get("/v1/balances", key: key)
        #expect(balances.status == 200)
        let rows = balances.json["data"] as? [[String: Any]] ?? []
        let available = rows.first { $0["account"] as? String == "available_for_payouts" }
        #expect(available?["pending_debits"] as? String == "100000.00")
        #expect(available?["available"] as? String == "-100000.00")
        let csv = try await gateway.get("/v1/ledger/entries", key: key, accept: "text/csv")
        #expect(csv.body.split(separator: "\r\n").count == 3)
        try await gateway.stop()
    }
}
