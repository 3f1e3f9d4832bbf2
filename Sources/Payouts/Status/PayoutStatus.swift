/// Where a payout is in its life (DESIGN.md, Contract: Statuses); raw values are the wire strings.
public enum PayoutStatus: String, CaseIterable, Hashable, Sendable {
    /// Accepted and funds held; not yet sent to a provider.
    case pending
    /// Waiting for a clearing window (LLG and RTGS run on business days only [doku-fin]).
    case scheduled
    /// Part of a batch that a second person must approve (maker-checker).
    case awaitingApproval = "awaiting_approval"
    /// Submitted to a provider; the outcome is not known yet.
    case processing
    /// The provider confirmed the money moved.
    case succeeded
    /// Definitely not paid; the hold is released.
    case failed
    /// Withdrawn by the client before submission.
    case cancelled
    /// The outcome could not be established in time; a person must look.
    case needsReview = "needs_review"

    /// Whether the payout can never change again.
    public var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .cancelled: true
        case .pending, .scheduled, .awaitingApproval, .processing, .needsReview: false
        }
    }

    /// Whether a client may still cancel: only before anything was sent to a provider,
    /// because after submission money may already be moving (STYLE.md §4: unknown is never failed).
    public var isCancellable: Bool {
        switch self {
        case .pending, .scheduled, .awaitingApproval: true
        case .processing, .succeeded, .failed, .cancelled, .needsReview: false
        }
    }

    /// Whether the lifecycle allows moving from this status to `next`; staying put is not a move.
    public func canTransition(to next: PayoutStatus) -> Bool {
        switch (self, next) {
        // pending: dispatched, parked for a clearing window, withdrawn, or refused before
        // submission (no route, every candidate rejected definitively).
        case (.pending, .processing), (.pending, .scheduled), (.pending, .cancelled), (.pending, .failed):
            true
        // scheduled: the window opened (back to the queue or straight to a provider), withdrawn,
        // or refused before submission when it opened (no route left, the account check failed);
        // or, parked after a refused attempt, that attempt was reported paid after all.
        case (.scheduled, .pending), (.scheduled, .processing), (.scheduled, .cancelled), (.scheduled, .failed),
             (.scheduled, .needsReview):
            true
        // awaiting_approval: approved into the queue, or rejected / withdrawn.
        case (.awaitingApproval, .pending), (.awaitingApproval, .cancelled):
            true
        // processing: the provider answered, or the reconcile deadline passed without an answer;
        // after a definite failure, parked until the window of the next candidate opens.
        case (.processing, .succeeded), (.processing, .failed), (.processing, .needsReview), (.processing, .scheduled):
            true
        // needs_review: a person (or a late status check) settles it; never back to processing,
        // because resubmitting an ambiguous payout could pay twice (DESIGN.md, flow step 3).
        case (.needsReview, .succeeded), (.needsReview, .failed):
            true
        default:
            false
        }
    }
}
