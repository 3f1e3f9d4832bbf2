import Payouts
import Testing
@testable import Routing

@Suite struct CircuitBreakerTests {
    /// `admit` mutates, and `#expect` cannot take a mutating call.
    func admit(_ breaker: inout CircuitBreaker, _ now: Timestamp) -> Bool { breaker.admit(at: now) }

    static func at(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: 1_780_966_800 + seconds) }

    @Test func opensAfterThresholdOfFailuresAndTimeouts() {
        var breaker = CircuitBreaker(policy: .init(failureThreshold: 3, coolDownSeconds: 30))
        breaker.record(.failed, at: Self.at(0))
        breaker.record(.timedOut, at: Self.at(1))
        #expect(breaker.state(at: Self.at(1)) == .closed(consecutiveFailures: 2))
        breaker.record(.timedOut, at: Self.at(2))
        #expect(breaker.state(at: Self.at(2)) == .open(since: Self.at(2), probeAt: Self.at(32)))
        #expect(breaker.timesOpened == 1)
        #expect(!admit(&breaker, Self.at(31)))
    }

    @Test func anAnswerResetsTheRun() {
        var breaker = CircuitBreaker(policy: .init(failureThreshold: 2, coolDownSeconds: 30))
        breaker.record(.failed, at: Self.at(0))
        breaker.record(.answered, at: Self.at(1))
        breaker.record(.failed, at: Self.at(2))
        #expect(breaker.state(at: Self.at(2)) == .closed(consecutiveFailures: 1))
    }

    @Test func halfOpenAdmitsOneProbeThatClosesOrReopens() {
        var breaker = CircuitBreaker(policy: .init(failureThreshold: 1, coolDownSeconds: 30))
        breaker.record(.failed, at: Self.at(0))
        #expect(breaker.state(at: Self.at(30)) == .halfOpen(openedAt: Self.at(0), probeSince: nil))
        #expect(admit(&breaker, Self.at(30)))
        #expect(!admit(&breaker, Self.at(31)))
        breaker.record(.timedOut, at: Self.at(35))
        #expect(breaker.state(at: Self.at(36)) == .open(since: Self.at(35), probeAt: Self.at(65)))
        #expect(admit(&breaker, Self.at(65)))
        breaker.record(.answered, at: Self.at(66))
        #expect(breaker.state(at: Self.at(66)) == .closed(consecutiveFailures: 0))
        #expect(breaker.timesOpened == 2)
    }

    @Test func aLostProbeFreesTheSlotAfterACoolDown() {
        var breaker = CircuitBreaker(policy: .init(failureThreshold: 1, coolDownSeconds: 30))
        breaker.record(.failed, at: Self.at(0))
        #expect(admit(&breaker, Self.at(30)))
        #expect(!admit(&breaker, Self.at(59)))
        #expect(admit(&breaker, Self.at(60)))
    }

    @Test func lateAnswersDoNotCloseAnOpenCircuit() {
        var breaker = CircuitBreaker(policy: .init(failureThreshold: 1, coolDownSeconds: 30))
        breaker.record(.failed, at: Self.at(0))
        breaker.record(.answered, at: Self.at(5))
        #expect(breaker.state(at: Self.at(5)).gaugeValue == 1)
    }

    @Test func openCircuitIsAReasonInRouting() {
        var breaker = CircuitBreaker(policy: .init(failureThreshold: 1, coolDownSeconds: 60))
        let opened = Fixture.tuesday(10, 42)
        breaker.record(.failed, at: opened)
        let health = ProviderHealth(breakers: [.duitku: breaker], at: Fixture.tuesday(10, 42))
        let decision = Fixture.route(1_000_000, to: "bca", at: Fixture.tuesday(10, 42), health: health)
        let bifast = decision.candidate(.duitku, .bifast)!
        #expect(!bifast.eligible)
        #expect(bifast.reasons.contains("duitku circuit open since 10:42 WIB, probe from 10:43 WIB"))
        #expect(decision.chosen?.provider != .duitku)
    }
}
