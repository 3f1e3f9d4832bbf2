import Foundation
import Ledger
import Payouts
import Postgres
@testable import Store
import Testing

/// Batches as the store writes them: whole or not at all, values intact, ended exactly once.
@Suite struct BatchStoreTests {
    static let time = Timestamp(secondsSinceEpoch: 1_790_000_000)

    static func batch(_ apiKeyID: Int64, id: String = "pb_1", approval: BatchApproval = .auto, count: Int = 2,
                      journal: (Int) -> String = { "po_\($0):hold" }) throws -> NewBatch {
        let bank = try #require(BankDirectory.standard.lookup("bca"))
        let items = (0..<count).map { index in
            let request = PayoutRequest(
                reference: "\(id)-\(index)", amount: Money(rupiah: 10_000 + Int64(index))!,
                beneficiary: Beneficiary(bank: bank, accountNumber: "8760673566", accountName: #"Budi "B" \ Santoso"#,
                                         phone: index == 0 ? "+6281234567890" : nil),
                provider: index == 0 ? .duitku : nil,
                description: index == 0 ? #"salary, {Nov} "NULL" \ end"# : nil,
                metadata: index == 0 ? ["team": #"a"b\c"#] : [:])
            let payout = Payout(id: "po_\(index)", request: request, createdAt: time,
                                status: approval == .required ? .awaitingApproval : .pending)
            return NewBatch.Item(payout: payout, routingJSON: index == 0 ? #"{"chosen":null,"candidates":[]}"# : nil,
                                 holdJournalID: journal(index))
        }
        return NewBatch(id: id, reference: id, approval: approval, apiKeyID: apiKeyID, idempotencyKey: "key-" + id,
                        requestHash: [1], responseBody: Array("{}".utf8), actor: "tests", createdAt: time, items: items)
    }

    static func apiKey(_ pool: PostgresPool, name: String = "maker") async throws -> Int64 {
        try await ApiKeyStore(pool: pool).create(name: name, keyHash: Array(name.utf8), scopes: ["payouts:write"]).id
    }

    static func count(_ table: String, _ pool: PostgresPool) async throws -> Int {
        try await pool.withConnection { try $0.query("SELECT count(*) AS n FROM \(table)")[0].decode("n", as: Int.self) }
    }

    @Test func valuesSurviveTheArraysIntact() async throws {
        try await withLedgerDatabase { pool in
            let new = try Self.batch(try await Self.apiKey(pool))
            #expect(try await BatchStore(pool: pool).create(new) == .created)
            for item in new.items {
                let stored = try #require(try await PayoutStore(pool: pool).payout(id: item.payout.id))
                #expect(stored.payout == item.payout)
                #expect(stored.routingJSON.map { $0.replacingOccurrences(of: " ", with: "") } == item.routingJSON)
            }
            let batch = try #require(try await BatchStore(pool: pool).batch(id: new.id))
            #expect(batch == StoredBatch(new, createdBy: "maker").withEveryStatus)
        }
    }

    @Test func aFailureAtTheLastItemLeavesNothing() async throws {
        try await withLedgerDatabase { pool in
            let key = try await Self.apiKey(pool)
            try await pool.withTransaction { try LedgerStore().fund(provider: "duitku", amount: 1, id: "taken", on: $0) }
            let clash = try Self.batch(key, journal: { $0 == 1 ? "taken" : "po_\($0):hold" })
            await #expect(throws: PostgresError.self) { _ = try await BatchStore(pool: pool).create(clash) }
            for table in ["payout_batches", "payouts", "payout_events", "outbox", "idempotency_keys"] {
                #expect(try await Self.count(table, pool) == 0)
            }
            #expect(try await Self.count("ledger_journals", pool) == 1)
            #expect(try await BatchStore(pool: pool).create(try Self.batch(key)) == .created)
            #expect(try await Self.count("ledger_journals", pool) == 3)
        }
    }

    /// The interleaving that would end a batch never (or twice) if each transaction judged by
    /// what it saw when it changed its payout: both payouts are final before either commits.
    /// The batch is settled at commit (a deferred trigger) under the batch row's lock, so the
    /// one committing last sees the other's change.
    @Test func theSecondOfTwoOverlappingEndsEndsTheBatch() async throws {
        try await withLedgerDatabase { pool in
            let store = BatchStore(pool: pool)
            #expect(try await store.create(try Self.batch(try await Self.apiKey(pool))) == .created)
            try await WebhookFixture.subscribeToEverything(pool)
            _ = try await pool.withConnection { try $0.execute("UPDATE payouts SET status = 'processing'") }
            try await pool.withConnection { first in
                try first.execute("BEGIN")
                try first.execute("UPDATE payouts SET status = 'succeeded' WHERE id = 'po_0'")
                // The second transaction runs in psql and commits while the first is open: it
                // finds po_0 still processing and leaves the batch to the first.
                let database: String = try first.query("SELECT current_database()")[0].decode(0)
                let server = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? ""
                let second = Process()
                second.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                second.arguments = ["psql", server.replacingOccurrences(of: "/postgres?", with: "/\(database)?"), "-qc",
                                    "UPDATE payouts SET status = 'failed' WHERE id = 'po_1'"]
                let errors = Pipe()
                second.standardError = errors
                try second.run()
                second.waitUntilExit()
                #expect(second.terminationStatus == 0, "psql: \(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
                let open: String = try first.query("SELECT status FROM payout_batches WHERE id = 'pb_1'")[0].decode(0)
                #expect(open == "processing")
                try first.execute("COMMIT")
            }
            #expect(try await store.batch(id: "pb_1")?.status == .partiallySucceeded)
            #expect(try await Self.count("webhook_events", pool) == 1)
        }
    }

    /// A batch's payouts can be sent from their approval, not from when the batch was made: the
    /// dispatcher's waits (an account check no provider answers) count from there, so a checker
    /// approving after the deadline does not fail the batch's payouts on their first try.
    @Test func aBatchPayoutIsSendableFromItsApproval() async throws {
        try await withLedgerDatabase { pool in
            let store = BatchStore(pool: pool)
            let maker = try await Self.apiKey(pool)
            let checker = try await Self.apiKey(pool, name: "checker")
            #expect(try await store.create(try Self.batch(maker, approval: .required)) == .created)
            let dispatch = DispatchStore(pool: pool, render: { _ in "{}" })
            #expect(try await dispatch.work(payoutID: "po_0")?.sendableSince == Self.time)
            let approvedAt = Timestamp(secondsSinceEpoch: 1_790_000_000 + 2 * 3600)
            let outcome = try await store.approve(id: "pb_1", apiKeyID: checker, actor: "checker", at: approvedAt,
                                                  idempotency: IdempotencyClaim(apiKeyID: checker, key: "approve", requestHash: [2]),
                                                  render: { _ in [] })
            guard case .done(.decided, _) = outcome else { Issue.record("approve: \(outcome)"); return }
            let work = try #require(try await dispatch.work(payoutID: "po_0"))
            #expect(work.payout.createdAt == Self.time)
            #expect(work.batchApprovedAt == approvedAt)
            #expect(work.sendableSince == approvedAt)
        }
    }
}

extension StoredBatch {
    /// As the store reads it back: every payout status present, zero where empty.
    var withEveryStatus: StoredBatch {
        var copy = self
        for status in PayoutStatus.allCases where copy.byStatus[status] == nil { copy.byStatus[status] = .zero }
        return copy
    }
}
