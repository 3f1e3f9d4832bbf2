import Payouts
import Postgres
@testable import Store
import Testing

/// List pages read through the index of the filtered column, however the rows lie in time.
@Suite struct PayoutListTests {
    /// The shape the bench leaves: a burst of new `pending` payouts at `bca` on top of older
    /// payouts spread over four statuses and banks, written newest first as a bulk load would.
    static func load(_ pool: PostgresPool) async throws {
        let key = try await ApiKeyStore(pool: pool).create(name: "list", keyHash: [7], scopes: ["payouts:read"]).id
        try await pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO payouts (id, api_key_id, reference, status, amount, currency, bank, account_number, account_name,
                    requested_clearing, clearing, created_at, updated_at)
                SELECT 'po_new' || g, $1::bigint, 'new' || g, 'pending', 150000, 'IDR', 'bca', '8760673566', 'Budi Santoso',
                    'auto', 'auto', timestamptz '2026-11-01' - g * interval '1 millisecond', timestamptz '2026-11-01'
                FROM generate_series(1, 6000) AS g
                """, [.integer(key)])
            try connection.execute("""
                INSERT INTO payouts (id, api_key_id, reference, status, amount, currency, bank, account_number, account_name,
                    requested_clearing, clearing, created_at, updated_at)
                SELECT 'po_old' || g, $1::bigint, 'old' || g,
                    (ARRAY['pending','processing','succeeded','failed'])[1 + g % 4], 10000 + g, 'IDR',
                    (ARRAY['bca','bni','bri','mandiri'])[1 + g % 4], '8760673566', 'Budi Santoso', 'auto', 'auto',
                    timestamptz '2026-10-31' - g * interval '1 second', timestamptz '2026-10-31'
                FROM generate_series(1, 40000) AS g
                """, [.integer(key)])
            try connection.execute("ANALYZE payouts")
        }
    }

    static func plan(_ pool: PostgresPool, _ filter: PayoutFilter, after cursor: Cursor? = nil) async throws -> String {
        let (sql, parameters) = PayoutStore.listStatement(filter, after: cursor, limit: 51)
        return try await pool.withConnection { connection in
            try connection.query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql, parameters)
                .map { try $0.decode(0, as: String.self) }.joined(separator: "\n")
        }
    }

    @Test func filtersReadTheirOwnIndexPastABurstOfOtherRows() async throws {
        try await withLedgerDatabase { pool in
            try await Self.load(pool)
            var failed = PayoutFilter()
            failed.status = .failed
            var bri = PayoutFilter()
            bri.bank = "bri"
            for (filter, index) in [(failed, "payouts_status_created"), (bri, "payouts_bank_created")] {
                let plan = try await Self.plan(pool, filter)
                #expect(plan.contains(index), "\(plan)")
                #expect(!plan.contains("Rows Removed by Filter"), "\(plan)")
                #expect(!plan.contains("Sort"), "\(plan)")
            }
            let afterCursor = try await Self.plan(pool, failed, after: Cursor(time: 1_793_402_800_000_000, id: "po_old2000"))
            #expect(afterCursor.contains("payouts_status_created"), "\(afterCursor)")
            #expect(!afterCursor.contains("Rows Removed by Filter"), "\(afterCursor)")
        }
    }

    @Test func pagesAFilteredListNewestFirstWithoutGapsOrRepeats() async throws {
        try await withLedgerDatabase { pool in
            try await Self.load(pool)
            let store = PayoutStore(pool: pool)
            var filter = PayoutFilter()
            filter.status = .failed
            filter.maxAmount = Money(rupiah: 10_400)
            var seen: [StoredPayout] = []
            var cursor: Cursor?
            repeat {
                let page = try await store.list(filter, after: cursor, limit: 30)
                seen += page
                cursor = page.count == 30 ? page.last.map { Cursor(time: $0.payout.createdAt.microsecondsSinceEpoch, id: $0.payout.id) } : nil
            } while cursor != nil
            // g = 3, 7, …, 399: every fourth of the first 400 old payouts.
            #expect(seen.map(\.payout.id) == stride(from: 3, through: 399, by: 4).map { "po_old\($0)" })
            #expect(seen.allSatisfy { $0.payout.status == .failed })
        }
    }
}
