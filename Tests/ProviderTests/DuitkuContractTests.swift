import Duitku
import HTTPClient
import Payouts
import ProviderSimulators
import Testing

/// The Duitku adapter against the Duitku simulator, over real sockets on 127.0.0.1.
struct DuitkuRig {
    static let secret = DuitkuSimulator.Credentials.sandbox.secretKey
    let simulator: DuitkuSimulator
    let provider: DuitkuProvider
    let client: HTTPClient

    init(_ options: SimulatorOptions = SimulatorOptions(), secret: String = DuitkuRig.secret,
         deadline: Duration = .seconds(2), clock: @escaping @Sendable () -> Int64 = ProviderFixtures.now) throws {
        simulator = DuitkuSimulator(options: options)
        let port = try simulator.start()
        client = ProviderFixtures.client(deadline: deadline)
        provider = DuitkuProvider(
            configuration: DuitkuConfiguration(baseURL: "http://127.0.0.1:\(port)", userID: 3551,
                                               email: "test@chakratechnology.com", secretKey: secret, isSandbox: true),
            client: client, clock: clock)
    }

    func stop() async {
        await client.shutdown()
        await simulator.stop()
    }
}

@Suite struct DuitkuContractTests {
    @Test func onlineTransferSucceedsAndPaysOnce() async throws {
        let rig = try DuitkuRig()
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673566"))
        guard case .succeeded(let id?, _, let amount) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(amount == Money(rupiah: 50_000))
        #expect(rig.simulator.executedTransfers.map(\.reference) == [id])
        #expect(rig.simulator.executedTransfers.first?.amount == Money(rupiah: 50_000))
        #expect(await rig.provider.status(of: AttemptReference(providerReference: "x", providerTransactionID: id))
            == .succeeded(providerTransactionID: id, fee: nil, amount: Money(rupiah: 50_000)))
        await rig.stop()
    }

    @Test(arguments: [Clearing.llg, .rtgs, .bifast])
    func clearingTransferSucceeds(clearing: Clearing) async throws {
        let rig = try DuitkuRig()
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673466", amount: 150_000_000,
                                                                            clearing: clearing))
        guard case .succeeded = outcome else { Issue.record("\(clearing): \(outcome)"); return await rig.stop() }
        #expect(rig.simulator.executedTransfers.count == 1)
        await rig.stop()
    }

    @Test func h2hWaitsThenSignedCallbackSettles() async throws {
        let inbox = try CallbackInbox()
        let rig = try DuitkuRig(SimulatorOptions(callbackURL: inbox.url("duitku")))
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673466", amount: 2_000_000,
                                                                            clearing: .h2h, bank: ProviderFixtures.bni))
        guard case .accepted(let id?) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        let callbacks = await inbox.waitFor()
        let callback = try #require(callbacks.first)
        guard case .verified(let news) = rig.provider.verifyCallback(callback) else {
            Issue.record("callback refused"); return await rig.stop()
        }
        #expect(news.outcome == .succeeded(providerTransactionID: id, fee: nil, amount: Money(rupiah: 2_000_000)))
        #expect(news.attempt.providerTransactionID == id)
        #expect(news.acknowledgement.body == "SUCCESS")
        // statusCode is outside the signature: the gateway confirms a final outcome by a status check.
        #expect(!news.statusIsSigned)
        var tampered = callback
        tampered.body = Array(String(decoding: callback.body, as: UTF8.self)
            .replacingOccurrences(of: "2000000", with: "3000000").utf8)
        #expect(rig.provider.verifyCallback(tampered) == .rejected(reason: "bad Duitku callback signature"))
        await rig.stop()
        await inbox.stop()
    }

    @Test func h2hRefusedForABankWithoutH2H() async throws {
        let rig = try DuitkuRig()
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673466", clearing: .h2h))
        #expect(outcome == .failed(ProviderFailure(code: .rejectedByProvider, providerCode: "-148",
                                                   message: "Bank not support H2H")))
        await rig.stop()
    }

    /// Online inquiry table (duitku.md §6): an inquiry moves no money, so every refusal is safe to reroute.
    @Test(arguments: ["8760673511", "8760673512", "8760673513", "8760673514", "8760673515"])
    func onlineInquiryScenarioFailsWithoutMovingMoney(account: String) async throws {
        let rig = try DuitkuRig()
        let outcome = await rig.provider.submit(ProviderFixtures.submission(account))
        guard case .failed = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(rig.simulator.executedTransfers.isEmpty)
        let inquiry = await rig.provider.inquire(AccountInquiry(bank: ProviderFixtures.bca, accountNumber: account,
                                                                reference: "r1", amount: Money(rupiah: 50_000)!))
        guard case .unknown = inquiry else { Issue.record("inquiry \(inquiry)"); return await rig.stop() }
        await rig.stop()
    }

    /// Clearing inquiry table: each code refuses the payout before any transfer.
    @Test(arguments: [("8760673411", "EE"), ("8760673412", "TO"), ("8760673413", "LD"), ("8760673414", "NF"),
                      ("8760673415", "-100"), ("8760673416", "66"), ("8760673417", "68"), ("8760673418", "88"),
                      ("8760673419", "90"), ("8760673420", "91")])
    func clearingInquiryScenarioFailsWithoutMovingMoney(account: String, code: String) async throws {
        let rig = try DuitkuRig()
        let outcome = await rig.provider.submit(ProviderFixtures.submission(account, clearing: .llg))
        guard case .failed(let failure) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(failure.providerCode == code || failure.message.contains(code))
        #expect(rig.simulator.executedTransfers.isEmpty)
        await rig.stop()
    }

    /// Transfer tables: codes that decline are failures; "do not retry" codes are unknown. The
    /// status check answers NF ("not recorded") whether the bank paid late (TO, 68: a later check
    /// says 00) or never (the others): NF stays unknown, so no other provider is tried meanwhile.
    @Test(arguments: [
        ("8760673559", Clearing.online, "LD", false), ("8760673560", .online, "91", false),
        ("8760673561", .online, "TO", true), ("8760673563", .online, "89", false),
        ("8760673564", .online, "68", true), ("8760673565", .online, "-100", false),
        ("8760673451", .llg, "LD", false), ("8760673453", .llg, "TO", true),
        ("8760673456", .llg, "68", true), ("8760673457", .llg, "91", false),
    ])
    func ambiguousTransferStaysUnknownUntilAStatusIsDefinite(account: String, clearing: Clearing, code: String,
                                                             paid: Bool) async throws {
        let rig = try DuitkuRig()
        let outcome = await rig.provider.submit(ProviderFixtures.submission(account, clearing: clearing))
        guard case .unknown(let reason, let id?) = outcome else {
            Issue.record("\(code): \(outcome)"); return await rig.stop()
        }
        #expect(reason.contains(code))
        let attempt = AttemptReference(providerReference: "x", providerTransactionID: id)
        let first = await rig.provider.status(of: attempt)
        #expect(first == .unknown(reason: "Duitku status answered NF (Transaction has not recorded on Remittance gateway)",
                                  providerTransactionID: id))
        let later = await rig.provider.status(of: attempt)
        if paid {
            #expect(later == .succeeded(providerTransactionID: id, fee: nil, amount: Money(rupiah: 50_000)))
            #expect(rig.simulator.executedTransfers.count == 1)
        } else {
            #expect(later == first)
            #expect(rig.simulator.executedTransfers.isEmpty)
        }
        await rig.stop()
    }

    @Test(arguments: [("8760673562", Clearing.online, "-510", FailureCode.insufficientProviderBalance),
                      ("8760673454", .llg, "-510", .insufficientProviderBalance),
                      ("8760673452", .llg, "NF", .bankUnavailable), ("8760673455", .llg, "90", .invalidAccount)])
    func decliningTransferCodesFail(account: String, clearing: Clearing, code: String, neutral: FailureCode) async throws {
        let rig = try DuitkuRig()
        let outcome = await rig.provider.submit(ProviderFixtures.submission(account, clearing: clearing))
        guard case .failed(let failure) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(failure.providerCode == code && failure.code == neutral)
        #expect(rig.simulator.executedTransfers.isEmpty)
        await rig.stop()
    }

    @Test func insufficientBalanceIsRefusedWithMinus510() async throws {
        let rig = try DuitkuRig(SimulatorOptions(balance: Money(rupiah: 10_000)!))
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673566"))
        guard case .failed(let failure) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(failure.code == .insufficientProviderBalance && failure.providerCode == "-510")
        #expect(await rig.provider.balance() == .balance(Money(rupiah: 10_000)!))
        #expect(rig.simulator.executedTransfers.isEmpty)
        await rig.stop()
    }

    @Test func wrongSecretIsRefusedWithMinus191() async throws {
        let rig = try DuitkuRig(secret: "not-the-secret")
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673566"))
        #expect(outcome == .failed(ProviderFailure(code: .rejectedByProvider, providerCode: "-191",
                                                   message: "Wrong signature")))
        #expect(await rig.provider.balance() == .unavailable(reason: "Duitku checkbalance answered -191"))
        #expect(rig.simulator.executedTransfers.isEmpty)
        await rig.stop()
    }

    @Test func staleTimestampIsRefusedWithMinus960() async throws {
        let rig = try DuitkuRig(clock: { ProviderFixtures.now() - 6 * 60 * 1000 })
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673566"))
        guard case .failed(let failure) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(failure.providerCode == "-960")
        await rig.stop()
    }

    @Test func refusedConnectionFailsWithoutMovingMoney() async throws {
        let rig = try DuitkuRig()
        try await rig.simulator.setFault(.refuseConnections)
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673566"))
        guard case .failed(let failure) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(failure.code == .providerUnavailable)
        #expect(rig.simulator.executedTransfers.isEmpty)
        await rig.stop()
    }

    @Test(arguments: [SimulatorFault.delayAfterExecuting(.milliseconds(900)), .dropConnectionAfterExecuting])
    func answerLostAfterExecutingIsUnknownAndStatusFindsThePayment(fault: SimulatorFault) async throws {
        let rig = try DuitkuRig(deadline: .milliseconds(300))
        try await rig.simulator.setFault(fault)
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673566"))
        guard case .unknown(_, let id?) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        try await rig.simulator.setFault(.none)
        let status = await rig.provider.status(of: AttemptReference(providerReference: "x", providerTransactionID: id))
        #expect(status == .succeeded(providerTransactionID: id, fee: nil, amount: Money(rupiah: 50_000)))
        #expect(rig.simulator.executedTransfers.map(\.reference) == [id])
        await rig.stop()
    }

    @Test func serverErrorIsUnknownNeverFailed() async throws {
        let rig = try DuitkuRig()
        try await rig.simulator.setFault(.serverError)
        let outcome = await rig.provider.submit(ProviderFixtures.submission("8760673566"))
        guard case .unknown(_, let id?) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        // Duitku has no record of a transfer for the id: still not a failure we could reroute on.
        guard case .unknown = await rig.provider.status(of: AttemptReference(providerReference: "x",
                                                                             providerTransactionID: id)) else {
            Issue.record("status should stay unknown"); return await rig.stop()
        }
        await rig.stop()
    }

    @Test func repeatedSubmitWithTheInquiryTokenNeverPaysTwice() async throws {
        let rig = try DuitkuRig()
        let inquiry = await rig.provider.inquire(AccountInquiry(bank: ProviderFixtures.bca, accountNumber: "8760673566",
                                                                reference: "r1", amount: Money(rupiah: 50_000)!))
        guard case .found(let name, let token?) = inquiry else { Issue.record("got \(inquiry)"); return await rig.stop() }
        #expect(name == "Test Account")
        let submission = ProviderFixtures.submission("8760673566", token: token)
        guard case .succeeded(let id?, _, _) = await rig.provider.submit(submission) else {
            Issue.record("first submit"); return await rig.stop()
        }
        let again = await rig.provider.submit(submission)
        #expect(again == .unknown(reason: "Duitku answered -142 (Transaction Already Finished): check status, do not retry",
                                  providerTransactionID: id))
        #expect(rig.simulator.executedTransfers.count == 1)
        await rig.stop()
    }

    @Test func balanceAndBankList() async throws {
        let rig = try DuitkuRig()
        #expect(await rig.provider.balance() == .balance(Money(rupiah: 10_000_000_000)!))
        let banks = try #require(await rig.provider.listBanks())
        #expect(banks.map(\.bankCode) == ["014", "002", "1010"])
        await rig.stop()
    }

    @Test func statusWithoutDisburseIdStaysUnknown() async throws {
        let rig = try DuitkuRig()
        #expect(await rig.provider.status(of: AttemptReference(providerReference: "x"))
            == .unknown(reason: "no Duitku disburseId is known for this attempt"))
        await rig.stop()
    }
}
