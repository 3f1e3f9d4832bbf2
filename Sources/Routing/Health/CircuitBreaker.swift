import Payouts

/// One provider's circuit breaker, a pure value driven call by call (as postgres-nio drives its
/// connection state machine): the dispatcher asks `admit(at:)` before a call and reports the
/// outcome with `record(_:at:)`; the clock is always handed in.
///
/// closed → open after `failureThreshold` consecutive definite failures or timeouts;
/// open → half-open once `coolDownSeconds` have passed; half-open admits one probe;
/// the probe's success closes the circuit, its failure opens it again. A probe that never
/// reports (lost process) frees the slot after another cool-down, so the circuit cannot stick.
public struct CircuitBreaker: Hashable, Sendable {
    /// What the dispatcher saw from one provider call.
    public enum CallOutcome: String, Hashable, Sendable {
        /// The provider answered: accepted, or refused this payout for a reason of its own
        /// (invalid account, insufficient balance). Either way it is up.
        case answered
        /// A definite technical failure: connection refused, 5xx, a documented "system error".
        case failed
        /// No answer within the deadline.
        case timedOut
    }

    /// Thresholds; the defaults are the gateway's own choice, not a provider's number.
    public struct Policy: Hashable, Sendable {
        /// Consecutive failures or timeouts that open the circuit.
        public var failureThreshold: Int
        /// How long an open circuit refuses calls before a probe.
        public var coolDownSeconds: Int64

        /// Five failures in a row, thirty seconds of rest.
        public init(failureThreshold: Int = 5, coolDownSeconds: Int64 = 30) {
            precondition(failureThreshold >= 1 && coolDownSeconds >= 0)
            self.failureThreshold = failureThreshold
            self.coolDownSeconds = coolDownSeconds
        }
    }

    enum Phase: Hashable, Sendable {
        case closed(consecutiveFailures: Int)
        case open(since: Timestamp)
        case probing(openedAt: Timestamp, probeSince: Timestamp)
    }

    /// The thresholds in force.
    public let policy: Policy
    private(set) var phase: Phase = .closed(consecutiveFailures: 0)
    /// How many times the circuit has opened, for `/metrics`.
    public private(set) var timesOpened = 0

    /// A closed breaker.
    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Where the breaker stands at `now`.
    public func state(at now: Timestamp) -> CircuitState {
        switch phase {
        case let .closed(failures):
            return .closed(consecutiveFailures: failures)
        case let .open(since):
            let probeAt = coolDownEnd(from: since)
            return now < probeAt ? .open(since: since, probeAt: probeAt) : .halfOpen(openedAt: since, probeSince: nil)
        case let .probing(openedAt, probeSince):
            return now < coolDownEnd(from: probeSince) ? .halfOpen(openedAt: openedAt, probeSince: probeSince)
                : .halfOpen(openedAt: openedAt, probeSince: nil)
        }
    }

    /// Whether a call may go out now; in half-open this takes the single probe slot.
    public mutating func admit(at now: Timestamp) -> Bool {
        switch state(at: now) {
        case .closed:
            return true
        case .open:
            return false
        case let .halfOpen(openedAt, probeSince):
            guard probeSince == nil else { return false }
            phase = .probing(openedAt: openedAt, probeSince: now)
            return true
        }
    }

    /// Feeds one call's outcome.
    public mutating func record(_ outcome: CallOutcome, at now: Timestamp) {
        switch (phase, outcome) {
        case (.closed, .answered), (.probing, .answered):
            phase = .closed(consecutiveFailures: 0)
        case let (.closed(failures), _):
            if failures + 1 >= policy.failureThreshold { open(at: now) }
            else { phase = .closed(consecutiveFailures: failures + 1) }
        case (.probing, _):
            open(at: now)
        case (.open, _):
            // Late answers to calls admitted before the circuit opened: the probe decides, not them.
            break
        }
    }

    private mutating func open(at now: Timestamp) {
        phase = .open(since: now)
        timesOpened += 1
    }

    private func coolDownEnd(from start: Timestamp) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + policy.coolDownSeconds * 1_000_000)
    }
}

/// A breaker's state as routing and `/metrics` see it.
public enum CircuitState: Hashable, Sendable {
    /// Calls flow; counts the current run of failures.
    case closed(consecutiveFailures: Int)
    /// Calls refused since `since`; a probe is allowed from `probeAt`.
    case open(since: Timestamp, probeAt: Timestamp)
    /// Cool-down over: one probe allowed when `probeSince` is nil, else one is in flight.
    case halfOpen(openedAt: Timestamp, probeSince: Timestamp?)

    /// Prometheus gauge value: 0 closed, 1 open, 2 half-open.
    public var gaugeValue: Int {
        switch self {
        case .closed: 0
        case .open: 1
        case .halfOpen: 2
        }
    }
}
