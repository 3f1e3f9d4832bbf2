import Durianpay
import HTTPClient
import Payouts
import ProviderSimulators
import Testing

/// The Durianpay adapter against its simulator over real sockets on 127.0.0.1.
@Suite struct DurianpayContractTests {
    struct Harness {
        let simulator: DurianpaySimulator
        let provider: DurianpayProvider
        let client: HTTPClient

        init(_ options: DurianpaySimulator.Options = .init(), key: String = "dp_test_XXXXXXXXXXXX") throws {
            simulator = DurianpaySimulator(options: options)
            let port = try simulator.start()
            client = shortDeadlineClient()
            provider = DurianpayProvider(configuration: DurianpayConfiguration(baseURL: "http://127.0.0.1:\(port)", serverKey: key),
                                         client: client, clock: { providerTestNow })
        }

        func stop() async {
            await client.shutdown()
            await simulator.stop()
        }
    }

    static func submission(account: String, amount: Int64 = 150_000, attempt: Int = 1) -> PayoutSubmission {
        let beneficiary = Beneficiary(bank: providerTestBank("bca"), accountNumber: account, accountName: "Jane Doe",
                                      email: "jane@example.com", phone: "85722173217")
        return PayoutSubmission(payoutID: "po_01JDURIAN\(account)", attempt: attempt, amount: Money(rupiah: amount)!,
                                beneficiary: beneficiary, clearing: .auto, description: "salary")
    }

    static func batchID(_ outcome: ProviderOutcome) -> String? {
        if case .accepted(let id) = outcome { return id }
        return nil
    }

    @Test func listsItsBanksWithTheCodesSubmitTakes() async throws {
        let harness = try Harness()
        #expect(await harness.provider.listBanks()?.map(\.code) == ["bca", "bni", "cimb"])
        let stranger = try Harness(key: "dp_test_other")
        let other = DurianpayProvider(configuration: DurianpayConfiguration(baseURL: "http://127.0.0.1:1", serverKey: "x"),
                                      client: stranger.client, clock: { providerTestNow })
        #expect(await other.listBanks() == nil)
        await stranger.stop()
        await harness.stop()
    }

    @Test func paysOnceAndReadsSuccessBack() async throws {
        let harness = try Harness()
        let submission = Self.submission(account: "8422647")
        let submitted = await harness.provider.submit(submission)
        let id = try #require(Self.batchID(submitted))
        let status = await harness.provider.status(of: AttemptReference(providerReference: submission.providerReference,
                                                                        providerTransactionID: id))
        #expect(status == .succeeded(providerTransactionID: id, fee: nil, amount: submission.amount))
        #expect(harness.simulator.executedTransfers.map(\.reference) == [submission.providerReference])
        #expect(harness.simulator.executedTransfers.first?.amount == Money(rupiah: 150_000))
        #expect(await harness.provider.balance() == .balance(Money(rupiah: 1_000_000_000 - 150_000)!))
        await harness.stop()
    }

    @Test func repeatedAttemptIsRefusedByKeyAndReportsTheFirstBatch() async throws {
        let harness = try Harness()
        let submission = Self.submission(account: "8422648")
        let first = await harness.provider.submit(submission)
        let id = try #require(Self.batchID(first))
        let again = await harness.provider.submit(submission)
        #expect(again == .succeeded(providerTransactionID: id, fee: nil, amount: submission.amount))
        #expect(harness.simulator.executedTransfers.count == 1)
        await harness.stop()
    }

    @Test(arguments: [("99990001", FailureCode.invalidAccount, "invalid"),
                      ("88880001", FailureCode.rejectedByProvider, "failed")])
    func failedItemsMapToDefiniteFailures(account: String, code: FailureCode, providerCode: String) async throws {
        let harness = try Harness()
        let submission = Self.submission(account: account)
        _ = await harness.provider.submit(submission)
        let status = await harness.provider.status(of: AttemptReference(providerReference: submission.providerReference))
        guard case .failed(let failure) = status else { Issue.record("expected failed, got \(status)"); return }
        #expect(failure.code == code)
        #expect(failure.providerCode == providerCode)
        #expect(harness.simulator.executedTransfers.isEmpty)
        await harness.stop()
    }

    @Test func insufficientBalanceFailsTheItemAndPaysNothing() async throws {
        let harness = try Harness(.init(balance: 100_000))
        let submission = Self.submission(account: "8422649")
        _ = await harness.provider.submit(submission)
        let status = await harness.provider.status(of: AttemptReference(providerReference: submission.providerReference))
        guard case .failed(let failure) = status else { Issue.record("expected failed, got \(status)"); return }
        #expect(failure.message == "insufficient balance")
        #expect(harness.simulator.executedTransfers.isEmpty)
        await harness.stop()
    }

    @Test func wrongServerKeyIsRefusedWithTheDocumentedCode() async throws {
        let harness = try Harness(key: "dp_test_wrong")
        let outcome = await harness.provider.submit(Self.submission(account: "8422650"))
        guard case .failed(let failure) = outcome else { Issue.record("expected failed, got \(outcome)"); return }
        #expect(failure.providerCode == "DPAY_UNAUTHORIZED_ACCESS")
        #expect(harness.simulator.executedTransfers.isEmpty)
        await harness.stop()
    }

    @Test func refusedConnectionIsADefiniteFailureBeforeAnyMoneyMoved() async throws {
        let harness = try Harness(.init(fault: .refuseConnections))
        let outcome = await harness.provider.submit(Self.submission(account: "8422651"))
        guard case .failed(let failure) = outcome else { Issue.record("expected failed, got \(outcome)"); return }
        #expect(failure.code == .providerUnavailable)
        await harness.stop()
    }

    @Test(arguments: [DurianpaySimulator.Fault.answerLateAfterExecuting(.milliseconds(800)), .dropConnectionAfterExecuting])
    func lostAnswerAfterExecutionIsUnknownThenResolvedByKey(fault: DurianpaySimulator.Fault) async throws {
        let harness = try Harness(.init(fault: fault))
        let submission = Self.submission(account: "8422652")
        let outcome = await harness.provider.submit(submission)
        guard case .unknown = outcome else { Issue.record("expected unknown, got \(outcome)"); return }
        harness.simulator.setFault(.none)
        let status = await harness.provider.status(of: AttemptReference(providerReference: submission.providerReference))
        guard case .succeeded = status else { Issue.record("expected succeeded, got \(status)"); return }
        #expect(harness.simulator.executedTransfers.count == 1)
        await harness.stop()
    }

    @Test func serverErrorIsUnknownAndNothingIsInvented() async throws {
        let harness = try Harness(.init(fault: .answerServerError))
        let submission = Self.submission(account: "8422653")
        guard case .unknown = await harness.provider.submit(submission) else { Issue.record("expected unknown"); return }
        guard case .unknown = await harness.provider.status(of: AttemptReference(providerReference: submission.providerReference))
        else { Issue.record("a 404 after a 5xx must stay unknown"); return }
        #expect(harness.simulator.executedTransfers.isEmpty)
        await harness.stop()
    }

    @Test func webhooksAreVerifiedAndBadSignaturesRejected() async throws {
        let inbox = try LoopbackCallbackInbox()
        let harness = try Harness(.init(callbackURL: inbox.url("durianpay")))
        let submission = Self.submission(account: "77770001")
        let id = try #require(Self.batchID(await harness.provider.submit(submission)))
        #expect(await harness.provider.status(of: AttemptReference(providerReference: submission.providerReference))
                == .accepted(providerTransactionID: id))
        harness.simulator.complete(batchID: id, succeeded: true)
        let callbacks = try await inbox.wait(for: 2)
        try #require(callbacks.count == 2)
        let expectedAttempt = AttemptReference(providerReference: submission.providerReference, providerTransactionID: id)
        // The signature leaves name and statuses out, so the news says its status is unsigned
        // and hands over no batch id for the attempt its name chose.
        #expect(harness.provider.verifyCallback(callbacks[0])
                == .verified(CallbackNews(attempt: expectedAttempt, outcome: .accepted(providerTransactionID: nil),
                                          acknowledgement: CallbackAcknowledgement(), statusIsSigned: false)))
        #expect(harness.provider.verifyCallback(callbacks[1])
                == .verified(CallbackNews(attempt: expectedAttempt, outcome: .succeeded(providerTransactionID: nil, fee: nil),
                                          acknowledgement: CallbackAcknowledgement(), statusIsSigned: false)))
        var forged = callbacks[1]
        forged.body = Array(String(decoding: forged.body, as: UTF8.self)
            .replacingOccurrences(of: #""signature":""#, with: #""signature":"0"#).utf8)
        #expect(harness.provider.verifyCallback(forged) == .rejected(reason: "Durianpay webhook signature mismatch"))
        let otherKey = DurianpayProvider(configuration: DurianpayConfiguration(baseURL: "http://127.0.0.1:1", serverKey: "dp_test_other"),
                                         client: harness.client, clock: { providerTestNow })
        guard case .rejected = otherKey.verifyCallback(callbacks[1]) else { Issue.record("wrong key accepted"); return }
        // Events not about a disbursement (the sample sent when the URL is registered) are
        // acknowledged with 200, as Durianpay requires, and read for nothing.
        let sample = ProviderCallback(headers: [], body: Array(#"{"event":"webhook.test","data":{"id":"x"}}"#.utf8), path: "/")
        guard case .ignored(_, let acknowledgement) = harness.provider.verifyCallback(sample) else {
            Issue.record("the sample was not acknowledged"); return
        }
        #expect(acknowledgement.status == 200)
        await harness.stop()
        await inbox.stop()
    }

    /// The name is not signed: a genuine webhook of one batch renamed to another attempt still
    /// verifies, so its news must not carry that batch's id to the attempt the name chose.
    @Test func aRenamedWebhookHandsOverNoBatchID() async throws {
        let inbox = try LoopbackCallbackInbox()
        let harness = try Harness(.init(callbackURL: inbox.url("durianpay")))
        let victim = Self.submission(account: "77770003")
        let victimBatch = try #require(Self.batchID(await harness.provider.submit(victim)))
        let paid = Self.submission(account: "8422655")
        let paidBatch = try #require(Self.batchID(await harness.provider.submit(paid)))
        let callbacks = try await inbox.wait(for: 3)
        let genuine = try #require(callbacks.first { String(decoding: $0.body, as: UTF8.self).contains(#""status":"success""#) })
        var renamed = genuine
        renamed.body = Array(String(decoding: genuine.body, as: UTF8.self)
            .replacingOccurrences(of: paid.providerReference, with: victim.providerReference).utf8)
        guard case .verified(let news) = harness.provider.verifyCallback(renamed) else {
            Issue.record("the renamed copy should still verify"); return
        }
        #expect(news.attempt == AttemptReference(providerReference: victim.providerReference, providerTransactionID: paidBatch))
        #expect(news.outcome == .succeeded(providerTransactionID: nil, fee: nil))
        #expect(!news.statusIsSigned)
        #expect(victimBatch != paidBatch)
        await harness.stop()
        await inbox.stop()
    }

    /// A batch id that is not the attempt's (taken from elsewhere) reads another batch: unknown,
    /// never that batch's outcome. The attempt's own batch still answers.
    @Test func statusOfABatchThatIsNotTheAttemptsIsUnknown() async throws {
        let harness = try Harness()
        let victim = Self.submission(account: "77770004")
        let victimBatch = try #require(Self.batchID(await harness.provider.submit(victim)))
        let paid = Self.submission(account: "8422656")
        let paidBatch = try #require(Self.batchID(await harness.provider.submit(paid)))
        let foreign = await harness.provider.status(of: AttemptReference(providerReference: victim.providerReference,
                                                                         providerTransactionID: paidBatch))
        #expect(foreign == .unknown(reason: "Durianpay batch \(paidBatch) is not this attempt's"))
        let own = await harness.provider.status(of: AttemptReference(providerReference: victim.providerReference,
                                                                     providerTransactionID: victimBatch))
        #expect(own == .accepted(providerTransactionID: victimBatch))
        #expect(harness.simulator.executedTransfers.map(\.reference) == [paid.providerReference])
        await harness.stop()
    }

    @Test func invalidAccountWebhookReportsTheFailure() async throws {
        let inbox = try LoopbackCallbackInbox()
        let harness = try Harness(.init(callbackURL: inbox.url("durianpay")))
        let submission = Self.submission(account: "99990002")
        _ = await harness.provider.submit(submission)
        let callbacks = try await inbox.wait(for: 2)
        try #require(callbacks.count == 2)
        for callback in callbacks {
            guard case .verified(let news) = harness.provider.verifyCallback(callback),
                  case .failed(let failure) = news.outcome else { Issue.record("expected a verified failure"); continue }
            #expect(failure.code == .invalidAccount)
        }
        await harness.stop()
        await inbox.stop()
    }

    @Test func accountValidationFindsTheHolderOrRefuses() async throws {
        let harness = try Harness()
        let found = await harness.provider.inquire(AccountInquiry(bank: providerTestBank("bca"), accountNumber: "8888105",
                                                                  reference: "inq-1", amount: Money(rupiah: 10_000)!))
        #expect(found == .found(accountName: "SANDBOX HOLDER 8105"))
        let invalid = await harness.provider.inquire(AccountInquiry(bank: providerTestBank("bca"), accountNumber: "99991234",
                                                                    reference: "inq-2", amount: Money(rupiah: 10_000)!))
        guard case .rejected(let failure) = invalid else { Issue.record("expected rejected, got \(invalid)"); return }
        #expect(failure.code == .invalidAccount)
        let processing = await harness.provider.inquire(AccountInquiry(bank: providerTestBank("bca"), accountNumber: "55551234",
                                                                       reference: "inq-3", amount: Money(rupiah: 10_000)!))
        guard case .unknown = processing else { Issue.record("processing must stay unknown"); return }
        await harness.stop()
    }
}
