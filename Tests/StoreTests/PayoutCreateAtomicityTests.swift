import Dispatch
import Ledger
import Payouts
import Postgres
@testable import Store
import Testing

/// A crash at any point of accepting a payout leaves all or nothing.
@Suite struct PayoutCreateAtomicityTests {
    static func newPayout(_ apiKeyID: Int64, reference: String = "atomic") throws -> NewPayout {
        let draft = PayoutDraft(reference: reference, amount: "50000", currency: "IDR",
                                beneficiary: .init(bank: "bca", accountNumber: "8760673566", accountName: "Budi"))
        let request = try PayoutRequest.validate(draft, directory: .standard).get()
        let payout = Payout(id: "po_" + reference, request: request, createdAt: Timestamp(secondsSinceEpoch: 1_790_000_000))
        return NewPayout(payout: payout, apiKeyID: apiKeyID, idempotencyKey: "key-" + reference, requestHash: [1, 2, 3],
                         responseBody: Array("{}".utf8), actor: "tests")
    }

    /// Rows in every table a create writes: payouts, events, outbox, keys, ledger journals, postings.
    static func counts(_ pool: PostgresPool) async throws -> [Int] {
        try await pool.withConnection { connection in
            try ["payouts", "payout_events", "outbox", "idempotency_keys", "ledger_journals", "ledger_postings"].map { table in
                try connection.query("SELECT count(*) AS n FROM \(table)")[0].decode("n", as: Int.self)
            }
        }
    }

    static func apiKey(_ pool: PostgresPool) async throws -> Int64 {
        try await ApiKeyStore(pool: pool).create(name: "atomic", keyHash: [9], scopes: ["payouts:write"]).id
    }

    @Test func aFailureAtTheLastStepLeavesNothing() async throws {
        try await withLedgerDatabase { pool in
            let key = try await Self.apiKey(pool)
            let store = PayoutStore(pool: pool)
            // The hold's journal id is taken already, so the ledger write (the last write) fails
            // after the payout, event, outbox job and key were inserted.
            try await pool.withTransaction { try LedgerStore().fund(provider: "duitku", amount: 1, id: "taken", on: $0) }
            await #expect(throws: PostgresError.self) {
                _ = try await store.create(try Self.newPayout(key), holdJournalID: "taken")
            }
            #expect(try await Self.counts(pool) == [0, 0, 0, 0, 1, 2])
            // The same request afterwards goes through whole.
            #expect(try await store.create(try Self.newPayout(key), holdJournalID: "po_atomic:hold") == .created)
            #expect(try await Self.counts(pool) == [1, 1, 1, 1, 2, 4])
        }
    }

    @Test func aDatabaseProcessKilledBeforeCommitLeavesNothing() async throws {
        try await withLedgerDatabase { pool in
            let key = try await Self.apiKey(pool)
            let (sql, parameters) = PayoutStore.createStatement(try Self.newPayout(key), holdJournalID: "po_atomic:hold")
            let killer = PostgresPool(configuration: pool.configuration, limits: PoolLimits(size: 1))
            await #expect(throws: PostgresError.self) {
                try await pool.withConnection { connection in
                    try connection.execute("BEGIN")
                    _ = try connection.query(sql, parameters)
                    let pid = Int64(connection.backendProcessID)
                    let done = DispatchSemaphore(value: 0)
                    Task {
                        _ = try? await killer.withConnection { try $0.query("SELECT pg_terminate_backend($1::int)", [.integer(pid)]) }
                        done.signal()
                    }
                    done.wait()
                    try connection.execute("COMMIT")
                }
            }
            await killer.shutdown()
            #expect(try await Self.counts(pool) == [0, 0, 0, 0, 0, 0])
        }
    }

    @Test func theSQLHoldWritesWhatTheLedgerRulesSay() async throws {
        try await withLedgerDatabase { pool in
            let key = try await Self.apiKey(pool)
            #expect(try await PayoutStore(pool: pool).create(try Self.newPayout(key), holdJournalID: "po_atomic:hold") == .created)
            let stored = try await pool.withConnection { connection in
                try connection.query("SELECT account, direction, amount, status FROM ledger_postings ORDER BY id").map {
                    "\(try $0.decode("account", as: String.self)) \(try $0.decode("direction", as: String.self)) \(try $0.decode("amount", as: Int64.self)) \(try $0.decode("status", as: String.self))"
                }
            }
            let rules = try Holds.hold(payout: "po_atomic", amount: 50000, id: "x").postings.map {
                "\($0.account.code) \($0.direction.rawValue) \($0.amount) pending"
            }
            #expect(stored == rules)
        }
    }
}
