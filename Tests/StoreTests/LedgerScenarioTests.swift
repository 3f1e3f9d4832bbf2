import Ledger
import Postgres
import Store
import Testing

/// The Ledger room's scenario tables, executed against PostgreSQL and compared with `LedgerBook`
/// after every row. Columns: available_for_payouts available, payouts_in_flight pending credits,
/// duitku prefund posted and available, payouts_paid, provider_fees.
@Suite struct LedgerScenarioTests {
    private typealias Row = (step: LedgerOperation, expected: [Int64]?, refused: LedgerError?)

    private static func ok(_ step: LedgerOperation, _ expected: [Int64]) -> Row { (step, expected, nil) }
    private static func refused(_ step: LedgerOperation, _ error: LedgerError) -> Row { (step, nil, error) }

    private func run(_ rows: [Row], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await withLedgerDatabase { pool in
            var book = LedgerBook()
            for row in rows {
                let error = try await applyToBoth(row.step, book: &book, pool: pool, sourceLocation: sourceLocation)
                #expect(error == row.refused, "\(row.step)", sourceLocation: sourceLocation)
                if let expected = row.expected {
                    #expect(try Self.figures(book) == expected, "\(row.step)", sourceLocation: sourceLocation)
                }
                try await expectBalancesMatch(book, pool, sourceLocation: sourceLocation)
            }
        }
    }

    private static func figures(_ book: LedgerBook) throws -> [Int64] {
        let duitku = book.balance(of: try LedgerAccount.prefunded(by: "duitku"))
        return [
            book.balance(of: .availableForPayouts).available, book.balance(of: .payoutsInFlight).pendingCredits,
            duitku.posted, duitku.available,
            book.balance(of: .payoutsPaid).posted, book.balance(of: .providerFees).posted,
        ]
    }

    @Test func holdMovePost() async throws {
        try await run([
            //                                                                available  in_flight  duitku     duitku_avail  paid     fees
            Self.ok(.fund(provider: "duitku", amount: 1_000_000, id: "f1"),      [1_000_000, 0,         1_000_000, 1_000_000,    0,       0]),
            Self.ok(.hold(payout: "po_1", amount: 150_000, id: "po_1:h"),       [850_000,   150_000,   1_000_000, 1_000_000,    0,       0]),
            Self.ok(.move(payout: "po_1", provider: "duitku", id: "po_1:r1"),   [850_000,   150_000,   1_000_000, 850_000,      0,       0]),
            Self.ok(.post(payout: "po_1", fee: 2_500, feeID: "po_1:fee"),       [847_500,   0,         847_500,   847_500,      150_000, 2_500]),
        ])
    }

    @Test func holdVoid() async throws {
        try await run([
            //                                                                available  in_flight  duitku   duitku_avail  paid  fees
            Self.ok(.fund(provider: "duitku", amount: 500_000, id: "f1"),        [500_000,   0,         500_000, 500_000,      0,    0]),
            Self.ok(.hold(payout: "po_1", amount: 200_000, id: "po_1:h"),       [300_000,   200_000,   500_000, 500_000,      0,    0]),
            Self.ok(.void(payout: "po_1"),                                       [500_000,   0,         500_000, 500_000,      0,    0]),
        ])
    }

    @Test func failoverKeepsTheHoldThenVoid() async throws {
        try await run([
            //                                                                available  in_flight  duitku   duitku_avail  paid  fees
            Self.ok(.fund(provider: "duitku", amount: 500_000, id: "f1"),        [500_000,   0,         500_000, 500_000,      0,    0]),
            Self.ok(.fund(provider: "doku", amount: 300_000, id: "f2"),          [800_000,   0,         500_000, 500_000,      0,    0]),
            Self.ok(.hold(payout: "po_1", amount: 100_000, id: "po_1:h"),       [700_000,   100_000,   500_000, 500_000,      0,    0]),
            Self.ok(.move(payout: "po_1", provider: "duitku", id: "po_1:r1"),   [700_000,   100_000,   500_000, 400_000,      0,    0]),
            Self.ok(.move(payout: "po_1", provider: "doku", id: "po_1:r2"),     [700_000,   100_000,   500_000, 500_000,      0,    0]),
            Self.ok(.void(payout: "po_1"),                                       [800_000,   0,         500_000, 500_000,      0,    0]),
        ])
    }

    @Test func postOrVoidExactlyOnce() async throws {
        try await run([
            //                                                                available  in_flight  duitku   duitku_avail  paid    fees
            Self.ok(.fund(provider: "duitku", amount: 100_000, id: "f1"),        [100_000,   0,         100_000, 100_000,      0,      0]),
            Self.ok(.hold(payout: "po_1", amount: 40_000, id: "po_1:h"),        [60_000,    40_000,    100_000, 100_000,      0,      0]),
            Self.refused(.post(payout: "po_1", fee: 0, feeID: "po_1:fee"),       .holdNotRouted(payout: "po_1")),
            Self.ok(.move(payout: "po_1", provider: "duitku", id: "po_1:r1"),   [60_000,    40_000,    100_000, 60_000,       0,      0]),
            Self.ok(.post(payout: "po_1", fee: 0, feeID: "po_1:fee"),           [60_000,    0,         60_000,  60_000,       40_000, 0]),
            Self.refused(.post(payout: "po_1", fee: 0, feeID: "po_1:fee2"),      .holdAlreadyPosted(payout: "po_1")),
            Self.refused(.void(payout: "po_1"),                                   .holdAlreadyPosted(payout: "po_1")),
            Self.refused(.hold(payout: "po_1", amount: 1, id: "po_1:h2"),        .holdAlreadyExists(payout: "po_1")),
            Self.ok(.hold(payout: "po_2", amount: 10_000, id: "po_2:h"),        [50_000,    10_000,    60_000,  60_000,       40_000, 0]),
            Self.ok(.void(payout: "po_2"),                                       [60_000,    0,         60_000,  60_000,       40_000, 0]),
            Self.refused(.void(payout: "po_2"),                                   .holdAlreadyVoided(payout: "po_2")),
            Self.refused(.post(payout: "po_2", fee: 0, feeID: "po_2:fee"),       .holdAlreadyVoided(payout: "po_2")),
            Self.refused(.fund(provider: "duitku", amount: 1, id: "f1"),         .duplicateJournal("f1")),
        ])
    }

    @Test func overflowIsRefusedBeforeTheDatabase() async throws {
        try await run([
            //                                                                available  in_flight  duitku  duitku_avail  paid  fees
            Self.ok(.fund(provider: "duitku", amount: .max, id: "f1"),           [.max,      0,         .max,   .max,         0,    0]),
        ])
        // A journal whose own sum overflows never reaches the store.
        #expect(throws: LedgerError.amountOverflow(journal: "j")) {
            try Journal(id: "j", kind: .fund, payoutID: nil, status: .posted, postings: [
                .debit(try .prefunded(by: "duitku"), .max), .debit(try .prefunded(by: "duitku"), 1),
                .credit(.availableForPayouts, .max), .credit(.availableForPayouts, 1),
            ])
        }
    }
}
