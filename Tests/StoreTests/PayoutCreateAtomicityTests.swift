import Dispatch
import Ledger
import Payouts
import Postgres
import Store
import Testing

/// A crash at any point of the create transaction leaves all or nothing.
@Suite struct PayoutCreateAtomicityTests {
    struct InjectedCrash: Error {}

    static func newPayout(_ apiKeyID: Int64, reference: String = "atomic") throws -> NewPayout {
        let draft = PayoutDraft(reference: reference, amount: "50000", currency: "IDR",
                                beneficiary: .init(bank: "bca", accountNumber: "8760673566", accountName: "Budi"))
        let request = try PayoutRequest.validate(draft, directory: .standard).get()
        let payout = Payout(id: "po_" + reference, request: request, createdAt: Timestamp(secondsSinceEpoch: 1_790_000_000))
        return NewPayout(payout: payout, apiKeyID: apiKeyID, idempotencyKey: "key-" + reference, requestHash: [1, 2, 3],
                         responseBody: Array("{}".utf8), actor: "tests")
    }

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

    @Test func aFailureAfterTheRowsAreWrittenLeavesNothing() async throws {
        try await withLedgerDatabase { pool in
            let key = try await Self.apiKey(pool)
            let store = PayoutStore(pool: pool)
            await #expect(throws: InjectedCrash.self) {
                _ = try await store.create(try Self.newPayout(key)) { connection in
                    try LedgerStore().hold(payout: "po_atomic", amount: 50000, id: "jr_atomic", on: connection)
                    throw InjectedCrash()
                }
            }
            #expect(try await Self.counts(pool) == [0, 0, 0, 0, 0, 0])
            // The same request afterwards goes through whole.
            let outcome = try await store.create(try Self.newPayout(key)) { connection in
                try LedgerStore().hold(payout: "po_atomic", amount: 50000, id: "jr_atomic", on: connection)
            }
            #expect(outcome == .created)
            #expect(try await Self.counts(pool) == [1, 1, 1, 1, 1, 2])
        }
    }

    @Test func aConnectionKilledMidTransactionLeavesNothing() async throws {
        try await withLedgerDatabase { pool in
            let key = try await Self.apiKey(pool)
            let store = PayoutStore(pool: pool)
            let killer = PostgresPool(configuration: pool.configuration, limits: PoolLimits(size: 1))
            await #expect(throws: PostgresError.self) {
                _ = try await store.create(try Self.newPayout(key)) { connection in
                    try LedgerStore().hold(payout: "po_atomic", amount: 50000, id: "jr_atomic", on: connection)
                    // The database process serving this transaction dies before COMMIT.
                    let pid = connection.backendProcessID
                    let done = DispatchSemaphore(value: 0)
                    Task {
                        _ = try? await killer.withConnection { try $0.query("SELECT pg_terminate_backend($1::int)", [.integer(Int64(pid))]) }
                        done.signal()
                    }
                    done.wait()
                    _ = try connection.query("SELECT 1")
                }
            }
            await killer.shutdown()
            #expect(try await Self.counts(pool) == [0, 0, 0, 0, 0, 0])
        }
    }

    @Test func aBrokenLedgerWriteRollsBackThePayout() async throws {
        try await withLedgerDatabase { pool in
            let key = try await Self.apiKey(pool)
            let store = PayoutStore(pool: pool)
            await #expect(throws: PostgresError.self) {
                _ = try await store.create(try Self.newPayout(key)) { connection in
                    // An unbalanced journal passes the INSERT and fails at COMMIT (deferred trigger).
                    try connection.execute("INSERT INTO ledger_journals (id, kind, payout_id, created_at) VALUES ('jr_bad', 'hold', 'po_atomic', now())")
                    try connection.execute("""
                        INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status, created_at, updated_at)
                        VALUES ('jr_bad', 'po_atomic', 'payouts_in_flight', 'credit', 50000, 'pending', now(), now())
                        """)
                }
            }
            #expect(try await Self.counts(pool) == [0, 0, 0, 0, 0, 0])
        }
    }
}

