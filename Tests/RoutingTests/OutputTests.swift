import Payouts
import Testing
@testable import Routing

@Suite struct OutputTests {
    @Test func jsonFollowsTheContractShape() {
        let decision = Fixture.route(150_000_000, to: "bca", at: Fixture.tuesday(21))
        let json = decision.json
        #expect(json.hasPrefix("""
        {"chosen":{"provider":"duitku","clearing":"bifast","fee":"2500.00","expected_settlement":"instant"},"candidates":[{"provider":"duitku","clearing":"bifast","eligible":true,"reasons":["duitku enabled",
        """))
        #expect(json.hasSuffix("]}]}"))
        let none = Fixture.route(1, to: "bca", at: Fixture.tuesday(21))
        #expect(none.json.hasPrefix("{\"chosen\":null,\"candidates\":[{"))
    }

    @Test func benchmarkWorkloadRoutes() {
        let workload = RoutingEngine.benchmarkWorkload()
        for request in workload.requests {
            for now in workload.instants {
                let decision = RoutingEngine.route(request, capabilities: workload.capabilities,
                                                   calendar: workload.calendar, health: workload.health, now: now)
                #expect(!decision.candidates.isEmpty)
            }
        }
    }

    /// Every decision of the benchmark workload (each rule's branches: banks and e-wallets, caps,
    /// pinned providers, requested rails, open and half-open circuits, closed windows), written
    /// to JSON: the text is pinned by its length and FNV-1a hash, so a faster way of writing the
    /// reasons cannot change a word of them.
    @Test func reasonsAreWordForWordAsPinned() {
        let workload = RoutingEngine.benchmarkWorkload()
        var text: [UInt8] = []
        for request in workload.requests {
            for now in workload.instants {
                text += RoutingEngine.route(request, capabilities: workload.capabilities, calendar: workload.calendar,
                                            health: workload.health, now: now).json.utf8
            }
        }
        let hash = text.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        #expect(text.count == 44_475)
        #expect(String(hash, radix: 16) == "d1baf80e83eb3f30")
    }
}
