import Doku
import HTTPClient
import Payouts
import ProviderSimulators
import Testing

/// The DOKU adapter against the DOKU simulator, over real sockets on 127.0.0.1.
struct DokuRig {
    let simulator: DokuSimulator
    let provider: DokuProvider
    let client: HTTPClient

    init(_ options: SimulatorOptions = SimulatorOptions(), secret: String = "SK-EXAMPLE-SECRET-KEY",
         deadline: Duration = .seconds(2)) throws {
        simulator = DokuSimulator(options: options)
        let port = try simulator.start()
        client = ProviderFixtures.client(deadline: deadline)
        provider = DokuProvider(
            configuration: DokuConfiguration(baseURL: "http://127.0.0.1:\(port)", clientID: "MCH-0001-10791114622547",
                                             secretKey: secret, sourceAccountID: "2340211124151729152107164433893000196019"),
            client: client, clock: ProviderFixtures.now)
    }

    func stop() async {
        await client.shutdown()
        await simulator.stop()
    }
}

@Suite struct DokuContractTests {
    @Test func pendingThenSignedNotificationSucceeds() async throws {
        let inbox = try CallbackInbox()
        let rig = try DokuRig(SimulatorOptions(callbackURL: inbox.url("doku")))
        let submission = ProviderFixtures.submission("0115471119", clearing: .auto)
        let reference = submission.providerReference
        #expect(await rig.provider.submit(submission) == .accepted(providerTransactionID: reference))
        #expect(rig.simulator.executedTransfers.map(\.reference) == [reference])
        #expect(rig.simulator.executedTransfers.first?.bank == "CENAIDJA")
        let callback = try #require(await inbox.waitFor().first)
        guard case .verified(let news) = rig.provider.verifyCallback(callback) else {
            Issue.record("notification refused"); return await rig.stop()
        }
        #expect(news.outcome == .succeeded(providerTransactionID: reference, fee: nil, amount: submission.amount))
        #expect(news.attempt.providerReference == reference)
        var tampered = callback
        tampered.body.append(UInt8(ascii: " "))
        #expect(rig.provider.verifyCallback(tampered) == .rejected(reason: "bad DOKU notification signature"))
        var elsewhere = callback
        elsewhere.path = "/v1/callbacks/other"
        #expect(rig.provider.verifyCallback(elsewhere) == .rejected(reason: "bad DOKU notification signature"))
        // Signed by DOKU but of a shape not read here (the notification is undocumented): kept, not refused.
        var otherShape = callback
        otherShape.body = Array(#"{"transaction":{"id":"\#(reference)","status":"SUCCESS"}}"#.utf8)
        let signer = DokuSigner(clientID: "MCH-0001-10791114622547", secretKey: "SK-EXAMPLE-SECRET-KEY")
        let signature = signer.requestSignature(requestID: try #require(callback.header("Request-Id")),
                                                timestamp: try #require(callback.header("Request-Timestamp")),
                                                target: callback.path, body: otherShape.body)
        otherShape.headers = otherShape.headers.map { $0.name.lowercased() == "signature" ? ($0.name, signature) : $0 }
        guard case .unreadable(_, let acknowledgement) = rig.provider.verifyCallback(otherShape) else {
            Issue.record("a signed notification of another shape was not kept"); return await rig.stop()
        }
        #expect(acknowledgement.status == 200)
        await rig.stop()
        await inbox.stop()
    }

    @Test func failingAccountAndInsufficientBalanceSettleAsFailedWithoutPaying() async throws {
        let inbox = try CallbackInbox()
        let rig = try DokuRig(SimulatorOptions(callbackURL: inbox.url("doku"), balance: Money(rupiah: 60_000)!))
        let declined = ProviderFixtures.submission(DokuSimulator.failingAccount, clearing: .auto)
        let tooMuch = ProviderFixtures.submission("0115471119", amount: 70_000, clearing: .auto)
        #expect(await rig.provider.submit(declined) == .accepted(providerTransactionID: declined.providerReference))
        #expect(await rig.provider.submit(tooMuch) == .accepted(providerTransactionID: tooMuch.providerReference))
        let callbacks = await inbox.waitFor(count: 2)
        #expect(callbacks.count == 2)
        for callback in callbacks {
            guard case .verified(let news) = rig.provider.verifyCallback(callback),
                  case .failed = news.outcome else { Issue.record("expected a failed notification"); continue }
        }
        #expect(rig.simulator.executedTransfers.isEmpty)
        await rig.stop()
        await inbox.stop()
    }

    @Test func wrongSecretIsRefusedWith401() async throws {
        let rig = try DokuRig(secret: "wrong")
        let outcome = await rig.provider.submit(ProviderFixtures.submission("0115471119", clearing: .auto))
        guard case .failed(let failure) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(failure.providerCode == "401")
        #expect(rig.simulator.executedTransfers.isEmpty)
        await rig.stop()
    }

    @Test func tamperedResponseIsUnknown() async throws {
        let rig = try DokuRig()
        try await rig.simulator.setFault(.tamperResponseBody)
        let submission = ProviderFixtures.submission("0115471119", clearing: .auto)
        #expect(await rig.provider.submit(submission)
            == .unknown(reason: "DOKU answer failed signature verification",
                        providerTransactionID: submission.providerReference))
        await rig.stop()
    }

    @Test func refusedConnectionFailsWithoutMovingMoney() async throws {
        let rig = try DokuRig()
        try await rig.simulator.setFault(.refuseConnections)
        let outcome = await rig.provider.submit(ProviderFixtures.submission("0115471119", clearing: .auto))
        guard case .failed(let failure) = outcome else { Issue.record("got \(outcome)"); return await rig.stop() }
        #expect(failure.code == .providerUnavailable)
        await rig.stop()
    }

    @Test func lostAnswerIsUnknownAndTheSameAttemptNeverPaysTwice() async throws {
        let inbox = try CallbackInbox()
        let rig = try DokuRig(SimulatorOptions(callbackURL: inbox.url("doku")), deadline: .milliseconds(300))
        try await rig.simulator.setFault(.delayAfterExecuting(.milliseconds(900)))
        let submission = ProviderFixtures.submission("0115471119", clearing: .auto)
        let reference = submission.providerReference
        guard case .unknown = await rig.provider.submit(submission) else {
            Issue.record("expected unknown"); return await rig.stop()
        }
        #expect(await rig.provider.status(of: AttemptReference(providerReference: reference))
            == .unknown(reason: "DOKU RDL has no status endpoint; waiting for its notification"))
        let callback = try #require(await inbox.waitFor().first)
        guard case .verified(let news) = rig.provider.verifyCallback(callback) else {
            Issue.record("notification refused"); return await rig.stop()
        }
        #expect(news.outcome == .succeeded(providerTransactionID: reference, fee: nil, amount: submission.amount))
        // Sending the same attempt again reuses Request-Id and transaction.id: replayed, not re-executed.
        try await rig.simulator.setFault(.none)
        #expect(await rig.provider.submit(submission) == .succeeded(providerTransactionID: reference, fee: nil, amount: submission.amount))
        #expect(rig.simulator.executedTransfers.map(\.reference) == [reference])
        await rig.stop()
        await inbox.stop()
    }

    @Test func serverErrorIsUnknown() async throws {
        let rig = try DokuRig()
        try await rig.simulator.setFault(.serverError)
        let submission = ProviderFixtures.submission("0115471119", clearing: .auto)
        #expect(await rig.provider.submit(submission)
            == .unknown(reason: "DOKU answered HTTP 500", providerTransactionID: submission.providerReference))
        #expect(rig.simulator.executedTransfers.isEmpty)
        await rig.stop()
    }

    @Test func belowMinimumAndChosenRailAreRefusedBeforeSending() async throws {
        let rig = try DokuRig()
        guard case .failed(let small) = await rig.provider.submit(ProviderFixtures.submission("1", amount: 9_999,
                                                                                             clearing: .auto)),
              case .failed(let rail) = await rig.provider.submit(ProviderFixtures.submission("1", clearing: .bifast)) else {
            Issue.record("expected failures"); return await rig.stop()
        }
        #expect(small.code == .limitExceeded && rail.code == .noRoute)
        #expect(await rig.provider.balance() == .notOffered)
        await rig.stop()
    }
}
