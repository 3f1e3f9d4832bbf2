import Payouts
import Postgres
@testable import Store
import Testing

/// A payout in review ended by a person: attempt 1 (SingaPay) was refused, attempt 2 (Durianpay)
/// never answered definitely, and the reconcile deadline put the payout in review.
@Suite struct ResolutionTests {
    static func inReview(_ pool: PostgresPool, _ reference: String) async throws -> DispatchStore {
        let (store, first) = try await ProviderConflictTests.processingPayout(pool, reference)
        try await WebhookFixture.subscribeToEverything(pool)
        let (_, second) = try await ProviderConflictTests.secondAttempt(store)
        #expect(try await store.record(.unknown(reason: "timed out"), for: second, actor: "tests") == .noted)
        #expect(try await store.markNeedsReview(payoutID: first.payoutID, attempt: second.number, reason: "deadline", actor: "tests"))
        return store
    }

    static func resolve(_ store: DispatchStore, _ pool: PostgresPool, _ reference: String, as resolution: Resolution,
                        key: String = "resolve-1") async throws -> IdempotentOutcome<ResolveOutcome> {
        let apiKey: Int64 = try await pool.withConnection {
            try $0.query("SELECT id FROM api_keys WHERE name = 'atomic'")[0].decode(0)
        }
        return try await store.resolve(payoutID: "po_\(reference)", as: resolution, note: "checked with the provider",
                                       actor: "ops", idempotency: IdempotencyClaim(apiKeyID: apiKey, key: key, requestHash: [1]),
                                       answer: { Array($0.payout.status.rawValue.utf8) })
    }

    static func column(_ pool: PostgresPool, _ sql: String) async throws -> [String] {
        try await pool.withConnection { try $0.query(sql).map { try $0.decode(0) } }
    }

    /// `journal=status` of every journal of the payout, and the provider each route reserves.
    static func journals(_ pool: PostgresPool, _ reference: String) async throws -> [String] {
        try await column(pool, """
            SELECT journal_id || '=' || min(status) || coalesce(' ' || min(account) FILTER (WHERE account LIKE 'provider:%'), '')
            FROM ledger_postings WHERE payout_id = 'po_\(reference)' GROUP BY journal_id
            """).sorted()
    }

    @Test func paidByTheLastAttemptPostsItsRoute() async throws {
        try await withLedgerDatabase { pool in
            let store = try await Self.inReview(pool, "late")
            let outcome = try await Self.resolve(store, pool, "late", as: .paid(attempt: 2, providerTransactionID: "dis_9", fee: Money(rupiah: 4000), unpaid: []))
            guard case .done(.resolved(let stored), _) = outcome else { Issue.record("\(outcome)"); return }
            #expect(stored.payout.status == .succeeded && stored.payout.provider == .durianpay)
            #expect(try await Self.column(pool, "SELECT state || ' ' || coalesce(provider_transaction_id, '-') FROM payout_attempts ORDER BY number")
                    == ["failed -", "succeeded dis_9"])
            #expect(try await Self.journals(pool, "late") == [
                "po_late:fee=posted provider:durianpay:prefunded", "po_late:hold=posted",
                "po_late:route:1=voided provider:singapay:prefunded", "po_late:route:2=posted provider:durianpay:prefunded",
            ])
            #expect(try await Self.column(pool, "SELECT fee::text FROM payout_attempts WHERE number = 2") == ["4000"])
            #expect(try await Self.column(pool, "SELECT count(*)::text FROM outbox") == ["0"])
            #expect(try await Self.column(pool, "SELECT type FROM webhook_events ORDER BY id").last == "payout.succeeded")
            // A repeat with the key answers as the first time and changes nothing.
            guard case .replay(200, let body) = try await Self.resolve(store, pool, "late", as: .paid(attempt: 2, providerTransactionID: "dis_9", fee: Money(rupiah: 4000), unpaid: [])) else {
                Issue.record("no replay"); return
            }
            #expect(body == Array("succeeded".utf8))
        }
    }

    /// The refused attempt paid after all: the hold moves back to its provider before posting.
    /// Attempt 2 may have paid too, so it is closed only once named as unpaid.
    @Test func paidByAnEarlierAttemptReservesItsProviderFirst() async throws {
        try await withLedgerDatabase { pool in
            let store = try await Self.inReview(pool, "first")
            guard case .refused(.attemptsOpen([2])) = try await Self.resolve(
                store, pool, "first", as: .paid(attempt: 1, providerTransactionID: nil, fee: nil, unpaid: [])) else {
                Issue.record("an attempt that may have paid was closed unnamed"); return
            }
            #expect(try await Self.column(pool, "SELECT state FROM payout_attempts ORDER BY number") == ["failed", "unknown"])
            let outcome = try await Self.resolve(store, pool, "first", as: .paid(attempt: 1, providerTransactionID: nil, fee: nil, unpaid: [2]))
            guard case .done(.resolved(let stored), _) = outcome else { Issue.record("\(outcome)"); return }
            #expect(stored.payout.status == .succeeded && stored.payout.provider == .singapay)
            #expect(try await Self.column(pool, "SELECT state || ' ' || coalesce(failure->>'code', '-') FROM payout_attempts ORDER BY number")
                    == ["succeeded -", "failed resolved_by_operator"])
            #expect(try await Self.journals(pool, "first") == [
                "po_first:hold=posted", "po_first:route:1:resolved=posted provider:singapay:prefunded",
                "po_first:route:1=voided provider:singapay:prefunded", "po_first:route:2=voided provider:durianpay:prefunded",
            ])
        }
    }

    @Test func notPaidVoidsTheHoldAndFailsThePayout() async throws {
        try await withLedgerDatabase { pool in
            let store = try await Self.inReview(pool, "none")
            let outcome = try await Self.resolve(store, pool, "none", as: .notPaid)
            guard case .done(.resolved(let stored), _) = outcome else { Issue.record("\(outcome)"); return }
            #expect(stored.payout.status == .failed)
            #expect(stored.payout.failure?.code == .resolvedByOperator && stored.payout.failure?.message == "checked with the provider")
            #expect(try await Self.column(pool, "SELECT state FROM payout_attempts ORDER BY number") == ["failed", "failed"])
            #expect(try await Self.journals(pool, "none").allSatisfy { $0.contains("=voided") })
            #expect(try await Self.column(pool, "SELECT type FROM webhook_events ORDER BY id").last == "payout.failed")
        }
    }

    @Test func onlyAPayoutInReviewIsResolvedAndOnlyByItsOwnAttempt() async throws {
        try await withLedgerDatabase { pool in
            let reviewed = try await Self.inReview(pool, "odd")
            _ = try await pool.withConnection { try $0.execute("UPDATE payouts SET status = 'processing'") }
            guard case .refused(.notInReview(.processing)) = try await Self.resolve(reviewed, pool, "odd", as: .notPaid) else {
                Issue.record("a processing payout was resolved"); return
            }
            _ = try await pool.withConnection { try $0.execute("UPDATE payouts SET status = 'needs_review'") }
            guard case .refused(.noSuchAttempt) = try await Self.resolve(reviewed, pool, "odd", as: .paid(attempt: 9, providerTransactionID: nil, fee: nil, unpaid: []),
                                                                        key: "resolve-2") else {
                Issue.record("an attempt that does not exist was taken"); return
            }
            guard case .refused(.notFound) = try await Self.resolve(reviewed, pool, "missing", as: .notPaid, key: "resolve-3") else {
                Issue.record("a missing payout was resolved"); return
            }
            #expect(try await Self.column(pool, "SELECT status FROM payouts WHERE id = 'po_odd'") == ["needs_review"])
            // Refusals keep no key: the same key may ask again.
            #expect(try await Self.column(pool, "SELECT count(*)::text FROM idempotency_keys WHERE key LIKE 'resolve-%'") == ["0"])
        }
    }

    /// Both attempts said they paid: attempt 1 after its refusal, attempt 2 with a fee. Neither
    /// "not paid" nor "paid by 1" may drop attempt 2's report unnamed; "paid by 2" keeps its fee.
    @Test func aPaymentRecordedOnAnotherAttemptMustBeAccountedFor() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await ProviderConflictTests.processingPayout(pool, "both")
            let (_, second) = try await ProviderConflictTests.secondAttempt(store)
            _ = try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
            _ = try await store.record(.succeeded(providerTransactionID: "t2", fee: Money(rupiah: 2500)), for: second, actor: "callback")
            #expect(try await Self.column(pool, "SELECT status FROM payouts") == ["needs_review"])

            guard case .refused(.attemptsRecordedPaid([1, 2])) = try await Self.resolve(store, pool, "both", as: .notPaid) else {
                Issue.record("not paid closed an attempt recorded as paid"); return
            }
            guard case .refused(.attemptsOpen([2])) = try await Self.resolve(
                store, pool, "both", as: .paid(attempt: 1, providerTransactionID: nil, fee: nil, unpaid: [])) else {
                Issue.record("paid by 1 dropped attempt 2's payment unnamed"); return
            }
            guard case .refused(.attemptsOpen([1])) = try await Self.resolve(
                store, pool, "both", as: .paid(attempt: 2, providerTransactionID: nil, fee: nil, unpaid: [])) else {
                Issue.record("paid by 2 dropped attempt 1's payment, reported after its refusal, unnamed"); return
            }
            let outcome = try await Self.resolve(store, pool, "both", as: .paid(attempt: 2, providerTransactionID: nil, fee: nil, unpaid: [1]))
            guard case .done(.resolved(let stored), _) = outcome else { Issue.record("\(outcome)"); return }
            #expect(stored.payout.status == .succeeded && stored.payout.provider == .durianpay)
            #expect(try await Self.journals(pool, "both") == [
                "po_both:fee=posted provider:durianpay:prefunded", "po_both:hold=posted",
                "po_both:route:1=voided provider:singapay:prefunded", "po_both:route:2=posted provider:durianpay:prefunded",
            ])
            #expect(try await Self.column(pool, "SELECT fee::text FROM payout_attempts WHERE number = 2") == ["2500"])
        }
    }

    /// Attempt 1 refused, then reported paid while attempt 2 is open: the report puts the payout in
    /// review, and neither "not paid" nor "paid by 2" may end it without accounting for attempt 1.
    @Test func anAttemptReportedPaidAfterItsRefusalMustBeAccountedFor() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await ProviderConflictTests.processingPayout(pool, "refusedpaid")
            _ = try await ProviderConflictTests.secondAttempt(store)
            #expect(try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
                    == .conflict("success reported for an attempt recorded as failed", toReview: true))
            guard case .refused(.attemptsRecordedPaid([1])) = try await Self.resolve(store, pool, "refusedpaid", as: .notPaid) else {
                Issue.record("not paid hid attempt 1's reported payment"); return
            }
            guard case .refused(.attemptsOpen([1])) = try await Self.resolve(
                store, pool, "refusedpaid", as: .paid(attempt: 2, providerTransactionID: nil, fee: nil, unpaid: [])) else {
                Issue.record("paid by 2 hid attempt 1's reported payment"); return
            }
            let outcome = try await Self.resolve(store, pool, "refusedpaid",
                                                 as: .paid(attempt: 1, providerTransactionID: "t1", fee: nil, unpaid: [2]))
            guard case .done(.resolved(let stored), _) = outcome else { Issue.record("\(outcome)"); return }
            #expect(stored.payout.status == .succeeded && stored.payout.provider == .singapay)
            #expect(try await Self.column(pool, "SELECT state FROM payout_attempts ORDER BY number") == ["succeeded", "failed"])
            #expect(try await Self.journals(pool, "refusedpaid") == [
                "po_refusedpaid:hold=posted", "po_refusedpaid:route:1:resolved=posted provider:singapay:prefunded",
                "po_refusedpaid:route:1=voided provider:singapay:prefunded", "po_refusedpaid:route:2=voided provider:durianpay:prefunded",
            ])
        }
    }

    /// Attempt 2 recorded as paid, found by the person not to have: named unpaid, it is closed.
    @Test func aRecordedPaymentNamedUnpaidIsClosed() async throws {
        try await withLedgerDatabase { pool in
            let (store, first) = try await ProviderConflictTests.processingPayout(pool, "named")
            let (_, second) = try await ProviderConflictTests.secondAttempt(store)
            _ = try await store.record(.succeeded(providerTransactionID: "t1", fee: nil), for: first, actor: "callback")
            _ = try await store.record(.succeeded(providerTransactionID: "t2", fee: nil), for: second, actor: "callback")
            let outcome = try await Self.resolve(store, pool, "named", as: .paid(attempt: 1, providerTransactionID: nil, fee: nil, unpaid: [2]))
            guard case .done(.resolved, _) = outcome else { Issue.record("\(outcome)"); return }
            #expect(try await Self.column(pool, "SELECT state || ' ' || coalesce(failure->>'code', '-') FROM payout_attempts ORDER BY number")
                    == ["succeeded -", "failed resolved_by_operator"])
            #expect(try await Self.journals(pool, "named") == [
                "po_named:hold=posted", "po_named:route:1:resolved=posted provider:singapay:prefunded",
                "po_named:route:1=voided provider:singapay:prefunded", "po_named:route:2=voided provider:durianpay:prefunded",
            ])
        }
    }
}
