import Ledger
import Store
import Testing

/// Ids travel inside array literals; quoting must keep every character as data.
@Suite struct LedgerArrayLiteralTests {
    @Test func awkwardIdsSurviveTheRoundTrip() async throws {
        try await withLedgerDatabase { pool in
            var book = LedgerBook()
            let payout = #"po "quoted" \back\slash, {braces} NULL é"#
            try await applyToBoth(.fund(provider: "duitku", amount: 1_000, id: #"f,"1"\"#), book: &book, pool: pool)
            try await applyToBoth(.hold(payout: payout, amount: 600, id: #"h{"x"}\,"#), book: &book, pool: pool)
            try await applyToBoth(.move(payout: payout, provider: "duitku", id: #"r1 "\\""#), book: &book, pool: pool)
            try await applyToBoth(.move(payout: payout, provider: "duitku", id: "NULL"), book: &book, pool: pool)
            try await applyToBoth(.post(payout: payout, fee: 10, feeID: #"fee\"#), book: &book, pool: pool)
            try await expectBalancesMatch(book, pool)
            let stored = try await pool.withConnection { connection in
                try LedgerStore().payoutHold(of: payout, on: connection)
            }
            #expect(stored == book.holds[payout])
            #expect(stored?.route?.journalID == "NULL")
        }
    }
}
