/// The events a client can subscribe an endpoint to.
public enum WebhookEventType: String, Sendable, CaseIterable {
    case payoutProcessing = "payout.processing"
    case payoutSucceeded = "payout.succeeded"
    case payoutFailed = "payout.failed"
    case payoutNeedsReview = "payout.needs_review"
    case batchCompleted = "batch.completed"

    /// The names as a sentence fragment, for problem details.
    static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
