import Ledger
import Postgres
import Store
import Testing

/// Two dispatchers settling the same payout at once: one wins, the other is refused, and the
/// books count the payout and its fee once.
@Suite struct LedgerConcurrencyTests {
    @Test func concurrentSettlementsOfOneHoldCountOnce() async throws {
        try await withLedgerDatabase { pool in
            var book = LedgerBook()
            let payouts = (1...8).map { "po_\($0)" }
            try await applyToBoth(.fund(provider: "duitku", amount: 10_000_000, id: "f1"), book: &book, pool: pool)
            for payout in payouts {
                try await applyToBoth(.hold(payout: payout, amount: 100_000, id: "\(payout):h"), book: &book, pool: pool)
                try await applyToBoth(.move(payout: payout, provider: "duitku", id: "\(payout):r"), book: &book, pool: pool)
            }
            for payout in payouts {
                let outcomes = await withTaskGroup(of: Bool.self) { group in
                    for contender in 0..<2 {
                        group.addTask {
                            do {
                                try await pool.withTransaction { connection in
                                    // The second contender voids where the first posts: a callback racing a status check.
                                    if contender == 0 {
                                        try LedgerStore().post(
                                            holdOf: payout, fee: 2_500, feeJournalID: "\(payout):fee", on: connection)
                                    } else {
                                        try LedgerStore().void(holdOf: payout, on: connection)
                                    }
                                }
                                return true
                            } catch {
                                return false
                            }
                        }
                    }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 }.count == 1, "\(payout)")
            }
            let stored = try await pool.withConnection { connection in
                try payouts.map { try LedgerStore().payoutHold(of: $0, on: connection) }
            }
            for hold in stored {
                let hold = try #require(hold)
                if hold.status == .posted {
                    try book.post(payout: hold.payout, fee: 2_500, feeJournalID: "\(hold.payout):fee")
                } else {
                    try book.void(payout: hold.payout)
                }
            }
            try await expectBalancesMatch(book, pool)
        }
    }

    @Test func concurrentMovesLeaveOneRoutePerPayout() async throws {
        try await withLedgerDatabase { pool in
            var book = LedgerBook()
            let payouts = (1...8).map { "po_\($0)" }
            try await applyToBoth(.fund(provider: "duitku", amount: 10_000_000, id: "f1"), book: &book, pool: pool)
            try await applyToBoth(.fund(provider: "doku", amount: 10_000_000, id: "f2"), book: &book, pool: pool)
            for payout in payouts {
                try await applyToBoth(.hold(payout: payout, amount: 100_000, id: "\(payout):h"), book: &book, pool: pool)
            }
            for payout in payouts {
                await withTaskGroup(of: Void.self) { group in
                    for provider in ["duitku", "doku"] {
                        group.addTask {
                            _ = try? await pool.withTransaction { connection in
                                try LedgerStore().moveHold(
                                    payout: payout, to: provider, id: "\(payout):r:\(provider)", on: connection)
                            }
                        }
                    }
                }
            }
            // Whatever order the moves ran in, each payout reserves exactly one prefund.
            let balances = try await pool.withConnection { connection in try LedgerStore().balances(on: connection) }
            let reserved = ["provider:duitku:prefunded", "provider:doku:prefunded"]
                .compactMap { balances[$0]?.pendingCredits }.reduce(0, +)
            #expect(reserved == Int64(payouts.count) * 100_000)
            let stored = try await pool.withConnection { connection in
                try payouts.map { try LedgerStore().payoutHold(of: $0, on: connection)?.route }
            }
            #expect(stored.allSatisfy { $0 != nil })
        }
    }
}
