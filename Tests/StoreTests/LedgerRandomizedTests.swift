import Ledger
import Postgres
import Store
import Testing

/// SplitMix64: a tiny deterministic generator, so a failing sequence can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct LedgerRandomizedTests {
    private static let providers = ["duitku", "durianpay", "doku", "singapay"]

    /// A random request, valid or not: holds on payouts that already have one, moves and posts
    /// of unknown, unrouted or final payouts, second posts and voids, negative fees.
    private static func operation(_ step: Int, _ random: inout SeededGenerator) -> LedgerOperation {
        let payout = "po_\(Int.random(in: 1...60, using: &random))"
        let provider = providers.randomElement(using: &random)!
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<8: return .fund(provider: provider, amount: Int64.random(in: 1...5_000_000, using: &random), id: "fund_\(step)")
        case 8..<35: return .hold(payout: payout, amount: Int64.random(in: 10_000...2_000_000, using: &random), id: "hold_\(step)")
        case 35..<65: return .move(payout: payout, provider: provider, id: "route_\(step)")
        case 65..<85:
            let fee: Int64 = [0, 2_500, 4_000, -1].randomElement(using: &random)!
            return .post(payout: payout, fee: fee, feeID: "fee_\(step)")
        default: return .void(payout: payout)
        }
    }

    @Test func randomSequenceKeepsTheBooksBalanced() async throws {
        try await withLedgerDatabase { pool in
            var random = SeededGenerator(seed: 0x1ed9e7)
            var book = LedgerBook()
            var refusals = 0
            for step in 0..<400 {
                if try await applyToBoth(Self.operation(step, &random), book: &book, pool: pool) != nil { refusals += 1 }
            }
            #expect(refusals > 50 && refusals < 350, "the mix should exercise both paths: \(refusals) refused")
            try await expectBalancesMatch(book, pool)
            try await Self.expectJournalsSumToZero(pool)
            try await Self.expectHoldsMatch(book, pool)
        }
    }

    private static func expectJournalsSumToZero(_ pool: PostgresPool) async throws {
        let unbalanced = try await pool.withConnection { connection in
            try connection.query("""
                SELECT journal_id FROM ledger_postings
                GROUP BY journal_id
                HAVING sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) <> 0
                    OR count(*) < 2 OR count(DISTINCT status) <> 1
                """)
        }
        #expect(unbalanced.isEmpty)
    }

    /// Each hold is pending, or final together with its routes: a posted hold has exactly one
    /// posted route and a voided hold none; the stored state equals the model's.
    private static func expectHoldsMatch(_ book: LedgerBook, _ pool: PostgresPool) async throws {
        let payouts = Array(book.holds.keys)
        let stored = try await pool.withConnection { connection in
            try payouts.map { try LedgerStore().payoutHold(of: $0, on: connection) }
        }
        for (payout, hold) in zip(payouts, stored) {
            #expect(hold == book.holds[payout], "\(payout)")
        }
        let incoherent = try await pool.withConnection { connection in
            try connection.query("""
                SELECT h.payout_id
                FROM ledger_postings h
                JOIN ledger_journals hj ON hj.id = h.journal_id AND hj.kind = 'hold' AND h.direction = 'credit'
                LEFT JOIN ledger_journals rj ON rj.payout_id = hj.payout_id AND rj.kind = 'route'
                LEFT JOIN ledger_postings r ON r.journal_id = rj.id AND r.direction = 'credit'
                GROUP BY h.payout_id, h.status
                HAVING count(r.id) FILTER (WHERE r.status = 'posted') <> CASE h.status WHEN 'posted' THEN 1 ELSE 0 END
                    OR count(r.id) FILTER (WHERE r.status = 'pending') > CASE h.status WHEN 'pending' THEN 1 ELSE 0 END
                """)
        }
        #expect(incoherent.isEmpty)
    }
}
