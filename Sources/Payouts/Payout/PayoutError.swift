/// What can go wrong when changing a stored payout.
public enum PayoutError: Error, Hashable, Sendable {
    /// The lifecycle has no edge from `from` to `to` (see `PayoutStatus.canTransition(to:)`).
    case invalidTransition(from: PayoutStatus, to: PayoutStatus)
    /// A failed status needs a failure, and only a failed status may carry one.
    case failureMismatch(status: PayoutStatus)
}
