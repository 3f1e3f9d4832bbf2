import Crypto
import HTTPClient
import Payouts
import ProviderSimulators
import SingaPay
import Testing

/// The SingaPay adapter against its simulator over real sockets on 127.0.0.1.
@Suite struct SingaPayContractTests {
    struct Harness {
        let simulator: SingaPaySimulator
        let provider: SingaPayProvider
        let client: HTTPClient

        init(_ options: SingaPaySimulator.Options = .init(clock: { providerTestNow }), secret: String = "secret-test") throws {
            simulator = SingaPaySimulator(options: options)
            let port = try simulator.start()
            client = shortDeadlineClient()
            let configuration = SingaPayConfiguration(baseURL: "http://127.0.0.1:\(port)", partnerID: "partner-test",
                                                      clientID: "client-test", clientSecret: secret,
                                                      accountID: "01K946KF851RK7FX075GJHBVKF")
            provider = SingaPayProvider(configuration: configuration, client: client, clock: { providerTestNow })
        }

        func stop() async {
            await client.shutdown()
            await simulator.stop()
        }
    }

    static func options(fault: SingaPaySimulator.Fault = .none, balance: Int64 = 1_000_000_000,
                        callbackURL: String? = nil) -> SingaPaySimulator.Options {
        .init(callbackURL: callbackURL, fault: fault, balance: balance, slowScenarioDelay: .milliseconds(50),
              clock: { providerTestNow })
    }

    static func submission(account: String, amount: Int64 = 150_000) -> PayoutSubmission {
        let beneficiary = Beneficiary(bank: providerTestBank("bri"), accountNumber: account, accountName: "Jane Doe")
        return PayoutSubmission(payoutID: "po_01JSINGA\(account)", attempt: 1, amount: Money(rupiah: amount)!,
                                beneficiary: beneficiary, clearing: .auto, description: "salary")
    }

    static func reference(_ submission: PayoutSubmission) -> AttemptReference {
        AttemptReference(providerReference: submission.providerReference)
    }

    @Test func successPaysOnceWithFeeAndCachesTheToken() async throws {
        let harness = try Harness(Self.options())
        let submission = Self.submission(account: "1000123456")
        let outcome = await harness.provider.submit(submission)
        guard case .succeeded(let id, let fee, let amount) = outcome else { Issue.record("expected succeeded, got \(outcome)"); return }
        #expect(fee == Money(rupiah: 2_500))
        // The beneficiary's amount (net_amount); the fee came on top.
        #expect(amount == submission.amount)
        #expect(await harness.provider.status(of: Self.reference(submission))
            == .succeeded(providerTransactionID: id, fee: fee, amount: submission.amount))
        #expect(harness.simulator.executedTransfers.map(\.reference) == [submission.providerReference])
        #expect(harness.simulator.tokensIssued == 1)
        #expect(await harness.provider.balance() == .balance(Money(rupiah: 1_000_000_000 - 152_500)!))
        await harness.stop()
    }

    @Test(arguments: ["1001", "1003"])
    func sandboxFailurePrefixesAreDefiniteFailures(prefix: String) async throws {
        let harness = try Harness(Self.options())
        let outcome = await harness.provider.submit(Self.submission(account: prefix + "000001"))
        guard case .failed(let failure) = outcome else { Issue.record("expected failed, got \(outcome)"); return }
        #expect(failure.providerCode == "06")
        #expect(harness.simulator.balance == 1_000_000_000)
        await harness.stop()
    }

    @Test(arguments: ["1004", "1005"])
    func slowSandboxFailuresArePendingThenFailedByWebhook(prefix: String) async throws {
        let inbox = try LoopbackCallbackInbox()
        let harness = try Harness(Self.options(callbackURL: inbox.url("singapay")))
        let submission = Self.submission(account: prefix + "000002")
        guard case .accepted = await harness.provider.submit(submission) else { Issue.record("expected accepted"); return }
        let callbacks = try await inbox.wait(for: 1)
        let callback = try #require(callbacks.first)
        guard case .verified(let news) = harness.provider.verifyCallback(callback), case .failed(let failure) = news.outcome else {
            Issue.record("expected a verified failure"); return
        }
        #expect(news.attempt.providerReference == submission.providerReference)
        #expect(failure.providerCode == "06")
        guard case .failed = await harness.provider.status(of: Self.reference(submission)) else { Issue.record("status"); return }
        await harness.stop()
        await inbox.stop()
    }

    @Test func unknownPrefixStaysPending() async throws {
        let harness = try Harness(Self.options())
        let submission = Self.submission(account: "5550000001")
        guard case .accepted = await harness.provider.submit(submission) else { Issue.record("expected accepted"); return }
        guard case .accepted = await harness.provider.status(of: Self.reference(submission)) else { Issue.record("status"); return }
        await harness.stop()
    }

    @Test func insufficientBalanceIsRefusedWithSP003() async throws {
        let harness = try Harness(Self.options(balance: 100_000))
        let outcome = await harness.provider.submit(Self.submission(account: "1000000003"))
        #expect(outcome == .failed(ProviderFailure(code: .insufficientProviderBalance, providerCode: "SP003",
                                                   message: "Insufficient Balance")))
        #expect(harness.simulator.executedTransfers.isEmpty)
        await harness.stop()
    }

    /// SP003 is a refusal only once inquiry-status finds no transfer under the reference: here
    /// SingaPay took the transfer and still answered SP003, and the transfer is followed instead.
    @Test func anSP003WhoseTransferExistsIsFollowedNotFailed() async throws {
        let harness = try Harness(Self.options(fault: .answerInsufficientAfterExecuting))
        let submission = Self.submission(account: "1000000005")
        let outcome = await harness.provider.submit(submission)
        guard case .succeeded = outcome else { Issue.record("expected the transfer's own outcome, got \(outcome)"); return }
        #expect(harness.simulator.executedTransfers.map(\.reference) == [submission.providerReference])
        await harness.stop()
    }

    @Test func wrongSecretIsRefusedAndNothingIsSent() async throws {
        let harness = try Harness(Self.options(), secret: "not-the-secret")
        let outcome = await harness.provider.submit(Self.submission(account: "1000000004"))
        guard case .failed(let failure) = outcome else { Issue.record("expected failed, got \(outcome)"); return }
        #expect(failure.providerCode == "no_token")
        #expect(harness.simulator.executedTransfers.isEmpty)
        await harness.stop()
    }

    @Test func expiredTokenIsRenewedOnceAndTheTransferGoesThrough() async throws {
        let harness = try Harness(Self.options())
        guard case .succeeded = await harness.provider.submit(Self.submission(account: "1000000005")) else {
            Issue.record("first transfer"); return
        }
        harness.simulator.expireTokens()
        guard case .succeeded = await harness.provider.submit(Self.submission(account: "1000000006")) else {
            Issue.record("transfer after SP013"); return
        }
        #expect(harness.simulator.tokensIssued == 2)
        #expect(harness.simulator.executedTransfers.count == 2)
        await harness.stop()
    }

    @Test func duplicateReferenceReadsTheExistingTransfer() async throws {
        let harness = try Harness(Self.options())
        let submission = Self.submission(account: "1000000007")
        let first = await harness.provider.submit(submission)
        #expect(await harness.provider.submit(submission) == first)
        #expect(harness.simulator.executedTransfers.count == 1)
        await harness.stop()
    }

    @Test func refusedConnectionIsADefiniteFailure() async throws {
        let harness = try Harness(Self.options(fault: .refuseConnections))
        let outcome = await harness.provider.submit(Self.submission(account: "1000000008"))
        guard case .failed(let failure) = outcome else { Issue.record("expected failed, got \(outcome)"); return }
        #expect(failure.code == .providerUnavailable)
        await harness.stop()
    }

    @Test(arguments: [SingaPaySimulator.Fault.answerLateAfterExecuting(.milliseconds(800)), .dropConnectionAfterExecuting])
    func lostAnswerAfterExecutionIsUnknownThenResolvedByInquiry(fault: SingaPaySimulator.Fault) async throws {
        let harness = try Harness(Self.options(fault: fault))
        let submission = Self.submission(account: "1002000009")
        guard case .unknown = await harness.provider.submit(submission) else { Issue.record("expected unknown"); return }
        guard case .succeeded = await harness.provider.status(of: Self.reference(submission)) else { Issue.record("status"); return }
        #expect(harness.simulator.executedTransfers.count == 1)
        await harness.stop()
    }

    @Test func serverErrorIsUnknownAndInquiryFindsNothing() async throws {
        let harness = try Harness(Self.options(fault: .answerServerError))
        let submission = Self.submission(account: "1000000010")
        guard case .unknown = await harness.provider.submit(submission) else { Issue.record("expected unknown"); return }
        guard case .unknown = await harness.provider.status(of: Self.reference(submission)) else { Issue.record("status"); return }
        #expect(harness.simulator.executedTransfers.isEmpty)
        await harness.stop()
    }

    @Test func webhookIsVerifiedAndATamperedOneRejected() async throws {
        let inbox = try LoopbackCallbackInbox()
        let harness = try Harness(Self.options(callbackURL: inbox.url("singapay")))
        let submission = Self.submission(account: "4000000011")
        guard case .succeeded(let id, _, _) = await harness.provider.submit(submission) else { Issue.record("submit"); return }
        let callback = try #require(try await inbox.wait(for: 1).first)
        guard case .verified(let news) = harness.provider.verifyCallback(callback) else { Issue.record("not verified"); return }
        #expect(news.attempt == AttemptReference(providerReference: submission.providerReference, providerTransactionID: id))
        guard case .succeeded(_, _, let amount) = news.outcome else { Issue.record("expected succeeded"); return }
        #expect(amount == submission.amount)
        var tampered = callback
        tampered.body = Array(String(decoding: callback.body, as: UTF8.self).replacingOccurrences(of: "\"00\"", with: "\"06\"").utf8)
        #expect(harness.provider.verifyCallback(tampered) == .rejected(reason: "SingaPay webhook signature mismatch"))
        var otherPath = callback
        otherPath.path = "/callbacks/other"
        #expect(harness.provider.verifyCallback(otherPath) == .rejected(reason: "SingaPay webhook signature mismatch"))
        await harness.stop()
        await inbox.stop()
    }

    /// A copy of a genuine webhook with a second `data` put first: the canonical form keeps the
    /// last of two keys, so the signature still holds, and the news must be read from that same
    /// form (the genuine reference and status), never from the first `data`.
    @Test func aKeyGivenTwiceIsReadAsItWasSigned() async throws {
        let inbox = try LoopbackCallbackInbox()
        let harness = try Harness(Self.options(callbackURL: inbox.url("singapay")))
        let submission = Self.submission(account: "4000000012")
        guard case .succeeded = await harness.provider.submit(submission) else { Issue.record("submit"); return }
        let callback = try #require(try await inbox.wait(for: 1).first)
        var doubled = callback
        let forgedData = #""data":{"reference_number":"victim1a1","transaction_id":"x","transaction_status":{"code":"05"}},"#
        doubled.body = Array("{".utf8) + Array(forgedData.utf8) + Array(callback.body.dropFirst())
        guard case .verified(let news) = harness.provider.verifyCallback(doubled) else { Issue.record("not verified"); return }
        #expect(news.attempt.providerReference == submission.providerReference)
        guard case .succeeded = news.outcome else { Issue.record("read the unsigned data: \(news.outcome)"); return }
        await harness.stop()
        await inbox.stop()
    }

    /// Any Int64 parses as a timestamp; the farthest ones are refused, not an overflow that stops the process.
    @Test(arguments: ["-9223372036854775808", "9223372036854775807"])
    func extremeTimestampsAreRefused(timestamp: String) throws {
        let harness = try Harness(Self.options())
        let callback = ProviderCallback(headers: [("X-Signature", "00"), ("X-Timestamp", timestamp), ("Authorization", "Bearer x")],
                                        body: Array("{}".utf8), path: "/v1/callbacks/singapay")
        #expect(harness.provider.verifyCallback(callback) == .rejected(reason: "SingaPay webhook timestamp outside the window"))
    }

    /// Other products' events arrive at the same URL: signed ones are acknowledged (SingaPay retries
    /// anything else and writes to the merchant) and change nothing.
    @Test func aSignedEventOfAnotherProductIsAcknowledged() throws {
        let harness = try Harness(Self.options())
        let body = Array(#"{"data":{"reference_number":"qr1","transaction_status":{"code":"00"}},"event":"qris-issuer"}"#.utf8)
        let timestamp = String(providerTestNow.microsecondsSinceEpoch / 1_000_000)
        let path = "/v1/callbacks/singapay"
        let message = "POST:" + path + ":tok:" + Hex.encode(Digest.sha256(body)) + ":" + timestamp
        let signature = Hex.encode(HMAC.sha512(key: "secret-test", message: message))
        let callback = ProviderCallback(headers: [("X-Signature", signature), ("X-Timestamp", timestamp), ("Authorization", "Bearer tok")],
                                        body: body, path: path)
        guard case .ignored(_, let acknowledgement) = harness.provider.verifyCallback(callback) else {
            Issue.record("expected ignored"); return
        }
        #expect(acknowledgement.status == 200)
        var unsigned = callback
        unsigned.headers[0].value = "00"
        #expect(harness.provider.verifyCallback(unsigned) == .rejected(reason: "SingaPay webhook signature mismatch"))
    }

    /// A signed disbursement webhook that names no reference, or whose `data` is no transfer, is
    /// genuine news about some payout: kept for a person and acknowledged, not refused as forged.
    @Test func aSignedDisbursementThatCannotBeReadIsKept() throws {
        let harness = try Harness(Self.options())
        let timestamp = String(providerTestNow.microsecondsSinceEpoch / 1_000_000)
        let path = "/v1/callbacks/singapay"
        func signed(_ text: String) -> ProviderCallback {
            let body = Array(text.utf8)
            let message = "POST:" + path + ":tok:" + Hex.encode(Digest.sha256(body)) + ":" + timestamp
            let signature = Hex.encode(HMAC.sha512(key: "secret-test", message: message))
            return ProviderCallback(headers: [("X-Signature", signature), ("X-Timestamp", timestamp), ("Authorization", "Bearer tok")],
                                    body: body, path: path)
        }
        for body in [#"{"data":{"transaction_id":"t9","transaction_status":{"code":"00"}},"event":"disbursement"}"#,
                     #"{"data":"settled","event":"disbursement"}"#] {
            guard case .unreadable(_, let acknowledgement) = harness.provider.verifyCallback(signed(body)) else {
                Issue.record("not kept: \(body)"); continue
            }
            #expect(acknowledgement.status == 200)
        }
    }

    @Test func beneficiaryCheckFindsTheHolder() async throws {
        let harness = try Harness(Self.options())
        let found = await harness.provider.inquire(AccountInquiry(bank: providerTestBank("bri"), accountNumber: "1000123456",
                                                                  reference: "inq", amount: Money(rupiah: 10_000)!))
        #expect(found == .found(accountName: "SANDBOX HOLDER 3456"))
        let malformed = await harness.provider.inquire(AccountInquiry(bank: providerTestBank("bri"), accountNumber: "12",
                                                                      reference: "inq", amount: Money(rupiah: 10_000)!))
        guard case .rejected(let failure) = malformed else { Issue.record("expected rejected"); return }
        #expect(failure.providerCode == "SP018")
        await harness.stop()
    }
}
