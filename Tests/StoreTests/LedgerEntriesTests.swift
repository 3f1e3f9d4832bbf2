import Ledger
import Postgres
import Store
import Testing

@Suite struct LedgerEntriesTests {
    private static func seed(_ pool: PostgresPool) async throws -> LedgerBook {
        var book = LedgerBook()
        try await applyToBoth(.fund(provider: "duitku", amount: 1_000_000, id: "f1"), book: &book, pool: pool)
        for index in 1...6 {
            let payout = "po_\(index)"
            try await applyToBoth(.hold(payout: payout, amount: Int64(index) * 1_000, id: "\(payout):h"), book: &book, pool: pool)
            try await applyToBoth(.move(payout: payout, provider: "duitku", id: "\(payout):r"), book: &book, pool: pool)
            if index.isMultiple(of: 2) {
                try await applyToBoth(.post(payout: payout, fee: 500, feeID: "\(payout):fee"), book: &book, pool: pool)
            }
        }
        return book
    }

    private static func allPages(
        _ pool: PostgresPool, filter: LedgerEntryFilter = LedgerEntryFilter(), limit: Int
    ) async throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        var cursor: LedgerCursor?
        repeat {
            // Through the string form, as a client would carry it.
            let carried = try cursor.map { try LedgerCursor($0.string) }
            let page = try await pool.withConnection { connection in
                try LedgerStore().entries(filter: filter, after: carried, limit: limit, on: connection)
            }
            #expect(page.entries.count <= limit)
            entries += page.entries
            cursor = page.nextCursor
        } while cursor != nil
        return entries
    }

    @Test func pagesReturnEveryEntryExactlyOnceNewestFirst() async throws {
        try await withLedgerDatabase { pool in
            _ = try await Self.seed(pool)
            let total = try await pool.withConnection { connection in
                try connection.query("SELECT count(*) FROM ledger_postings")[0].decode(0, as: Int.self)
            }
            for limit in [1, 3, 7, 500] {
                let entries = try await Self.allPages(pool, limit: limit)
                #expect(entries.count == total)
                #expect(Set(entries.map(\.id)).count == total)
                for (newer, older) in zip(entries, entries.dropFirst()) {
                    let inOrder = newer.createdAt > older.createdAt || (newer.createdAt == older.createdAt && newer.id > older.id)
                    #expect(inOrder)
                }
            }
        }
    }

    @Test func filtersNarrowTheListing() async throws {
        try await withLedgerDatabase { pool in
            _ = try await Self.seed(pool)
            let payout = try await Self.allPages(pool, filter: LedgerEntryFilter(payoutID: "po_2"), limit: 2)
            #expect(payout.count == 8)  // hold 2 + route 2 + fee 4
            #expect(payout.allSatisfy { $0.payoutID == "po_2" && $0.status == .posted })
            let pending = try await Self.allPages(pool, filter: LedgerEntryFilter(status: .pending), limit: 4)
            #expect(pending.count == 12)  // three open payouts, hold and route each
            let fees = try await Self.allPages(pool, filter: LedgerEntryFilter(account: "provider_fees"), limit: 2)
            #expect(fees.map(\.amount) == [500, 500, 500])
            let future = try await Self.allPages(
                pool, filter: LedgerEntryFilter(createdFrom: "2999-01-01T00:00:00Z"), limit: 10)
            #expect(future.isEmpty)
            let past = try await Self.allPages(
                pool, filter: LedgerEntryFilter(createdFrom: "2000-01-01T00:00:00+07:00", createdTo: "2999-01-01T00:00:00Z"),
                limit: 10)
            let everything = 38  // fund 2, six holds and routes 24, three fees 12
            #expect(past.count == everything)
            let first = try #require(fees.first)
            #expect(first.direction == .debit && first.journalID == "po_6:fee" && first.createdAt.hasSuffix("Z"))
        }
    }

    @Test(arguments: ["", "garbage", "c", "c1", "c1.0", "C1.1", "c01.1", "c1.1.1", "c-1.1", "c1.zzzzzzzzzzzzzzzzzz",
                     // Past 9999-12-31 (Int64.max here): a time no entry has, which PostgreSQL could not read.
                     "c1y2p0ij32e8e7.1"])
    func malformedCursorIsRefused(text: String) {
        #expect(throws: LedgerStoreError.malformedCursor) { try LedgerCursor(text) }
    }

    @Test func pageSizeIsBounded() async throws {
        try await withLedgerDatabase { pool in
            for size in [0, LedgerStore.pageSizeMax + 1] {
                await #expect(throws: LedgerStoreError.invalidPageSize(size)) {
                    try await pool.withConnection { connection in
                        try LedgerStore().entries(filter: LedgerEntryFilter(), after: nil, limit: size, on: connection)
                    }
                }
            }
        }
    }
}
