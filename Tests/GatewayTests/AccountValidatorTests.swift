@testable import Gateway
import Payouts
import Testing

/// The validator's choices and the deadline it waits with, without a database.
@Suite struct AccountValidatorTests {
    static func validator(priorities: [ProviderName: Int] = [:]) throws -> AccountValidator {
        let configuration = try Configuration.load(from: GatewayHarness.providers.merging(
            ["DATABASE_URL": "postgresql://gateway@localhost:5432/payouts"]) { $1 })
        var routing = configuration.routing
        for (provider, priority) in priorities { routing.capabilities.providers[provider]?.priority = priority }
        let registry = ProviderRegistry(settings: configuration.providers, timeout: .seconds(1))
        return AccountValidator(providers: registry, routing: RoutingService(configuration: routing, enabled: configuration.providers.enabled),
                                logger: Logger(sink: LogSink(descriptor: -1)), calls: DeadlineRunner(threadCount: 1),
                                inquiryDeadline: .seconds(1))
    }

    static func release(_ validator: AccountValidator) async {
        await validator.providers.shutdown()
        validator.calls.stop()
    }

    static let bca = BankDirectory.standard.lookup("bca")!

    @Test func asksProvidersWithAnInquiryInRoutingPriorityOrder() async throws {
        let validator = try Self.validator()
        #expect(validator.candidates(for: Self.bca).map(\.name) == [.duitku, .singapay, .durianpay])
        let reordered = try Self.validator(priorities: [.durianpay: 0, .singapay: 9])
        #expect(reordered.candidates(for: Self.bca).map(\.name) == [.durianpay, .duitku, .singapay])
        await Self.release(validator)
        await Self.release(reordered)
    }

    @Test func skipsProvidersThatCannotPayTheBank() async throws {
        // Durianpay's confirmed codes are bca, cimb and bni only; DOKU never inquires.
        let mandiri = try #require(BankDirectory.standard.lookup("mandiri"))
        let validator = try Self.validator()
        #expect(validator.candidates(for: mandiri).map(\.name) == [.duitku, .singapay])
        await Self.release(validator)
    }

    // A runner that waited for the late body would take two minutes: the time limit fails it.
    @Test(.timeLimit(.minutes(1))) func answersWithinTheDeadlineOrNotAtAll() async {
        let runner = DeadlineRunner(threadCount: 1)
        #expect(await runner.answer(within: .seconds(5)) { 42 } == 42)
        let late = await runner.answer(within: .milliseconds(100)) { () async -> Int in
            try? await Task.sleep(for: .seconds(120))
            return 7
        }
        #expect(late == nil)
        runner.stop()
    }
}
