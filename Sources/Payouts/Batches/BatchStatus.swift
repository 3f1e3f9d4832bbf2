/// Where a payout batch is in its life; raw values are the wire strings.
public enum BatchStatus: String, CaseIterable, Hashable, Sendable {
    /// Its payouts hold funds and wait for a second key to approve or reject them (maker-checker).
    case awaitingApproval = "awaiting_approval"
    /// Approved (or created with `auto` approval): its payouts are on their way.
    case processing
    /// Every payout succeeded.
    case succeeded
    /// Some payouts succeeded and the rest failed or were cancelled.
    case partiallySucceeded = "partially_succeeded"
    /// No payout succeeded.
    case failed
    /// A second key refused it; every payout was cancelled and its hold voided.
    case rejected

    /// Whether the batch can never change again.
    public var isTerminal: Bool {
        switch self {
        case .succeeded, .partiallySucceeded, .failed, .rejected: true
        case .awaitingApproval, .processing: false
        }
    }

    /// The final status once every payout is final, as Durianpay reports a disbursement batch:
    /// all paid, none paid, or some of each. The database's `payout_batch_settle` applies the
    /// same rule when the last payout ends.
    public static func settled(succeeded: Int, of total: Int) -> BatchStatus {
        precondition(total > 0 && (0...total).contains(succeeded), "a batch has at least one payout")
        return succeeded == total ? .succeeded : succeeded == 0 ? .failed : .partiallySucceeded
    }
}

/// Whether a batch's payouts wait for a second key before they are sent.
public enum BatchApproval: String, CaseIterable, Hashable, Sendable {
    /// Payouts start `awaiting_approval`; a key other than the creator's, with `payouts:approve`,
    /// approves or rejects the batch.
    case required
    /// Payouts start `pending` (or `scheduled`) as single payouts do.
    case auto
}
