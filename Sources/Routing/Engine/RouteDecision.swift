import Payouts

/// Routing's answer: the chosen route (if any), every candidate with its reasons, and what to do.
public struct RouteDecision: Hashable, Sendable {
    /// What the dispatcher should do with the payout.
    public enum Outcome: Hashable, Sendable {
        /// Send now through `chosen`.
        case dispatch
        /// Mark the payout `scheduled` and send through `chosen` at `scheduledFor`.
        case scheduled
        /// Fail the payout; see `noRoute`.
        case noRoute
    }

    /// What to do.
    public let outcome: Outcome
    /// The best eligible candidate; nil for `noRoute`.
    public let chosen: Candidate?
    /// Every candidate considered, best first (eligible ones lead).
    public let candidates: [Candidate]
    /// When a scheduled payout should be sent: the chosen rail's next opening.
    public let scheduledFor: Timestamp?
    /// Why there is no route, for `noRoute`.
    public let noRoute: NoRoute?
}

/// Why no candidate can carry the payout.
public struct NoRoute: Hashable, Sendable {
    /// `no_route`, or `provider_unavailable` when only open circuits stood in the way.
    public let code: FailureCode
    /// One sentence for the payout's `failure.message`.
    public let message: String
    /// Every rejected candidate, with its reasons.
    public let rejected: [Candidate]
}
