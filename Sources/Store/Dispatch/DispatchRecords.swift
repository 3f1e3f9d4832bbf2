import Payouts

/// Where one attempt at one provider stands (the `payout_attempts.state` column).
public enum AttemptState: String, Sendable, Hashable {
    /// The first step of a two-step submission (Duitku's inquiry); no money can move yet.
    case inquiring
    /// The transfer call may be on the wire.
    case sending
    /// The provider took the transfer; the outcome comes by callback or status check.
    case processing
    /// No definite answer came back.
    case unknown
    case succeeded
    case failed

    /// Whether the attempt may still change; an open attempt is only ever asked about, never re-sent.
    public var isOpen: Bool {
        switch self {
        case .inquiring, .sending, .processing, .unknown: true
        case .succeeded, .failed: false
        }
    }
}

/// One attempt as stored.
public struct AttemptRecord: Sendable, Hashable {
    public var payoutID: String
    public var number: Int
    public var provider: ProviderName
    public var clearing: Clearing
    public var providerReference: String
    public var providerTransactionID: String?
    public var state: AttemptState
    public var inquiryToken: String?
    public var failure: PayoutFailure?
    /// Status checks made so far; drives the backoff.
    public var checks: Int
    public var createdAt: Timestamp

    /// How the provider knows this attempt.
    public var reference: AttemptReference {
        AttemptReference(providerReference: providerReference, providerTransactionID: providerTransactionID)
    }
}

/// An outbox job claimed by one worker until its lease ends.
public struct DispatchJob: Sendable, Hashable {
    public var id: Int64
    public var payoutID: String
    /// The claimer's token: writes made for the job check it is still theirs.
    public var token: String
}

/// What a worker needs to move one payout forward.
public struct PayoutWork: Sendable {
    public var stored: StoredPayout
    /// As the client asked, before routing chose (`auto`, nil provider: let routing decide).
    public var requestedClearing: Clearing
    public var requestedProvider: ProviderName?
    /// When the payout's batch was approved; nil outside a batch or before approval.
    public var batchApprovedAt: Timestamp?
    /// Oldest first.
    public var attempts: [AttemptRecord]

    public var payout: Payout { stored.payout }
    /// When the payout could first be sent: accepted, approved with its batch, and its clearing
    /// window open. Waits that end in a deadline count from here.
    public var sendableSince: Timestamp {
        [payout.createdAt, batchApprovedAt, payout.scheduledFor].compactMap { $0 }
            .max { $0.microsecondsSinceEpoch < $1.microsecondsSinceEpoch } ?? payout.createdAt
    }
    /// The attempt that may still change, if any (at most one: the database guarantees it).
    public var openAttempt: AttemptRecord? { attempts.first { $0.state.isOpen } }
}

/// The next attempt to write before calling the provider.
public struct NewAttempt: Sendable {
    public var number: Int
    public var provider: ProviderName
    public var clearing: Clearing
    /// Whether the provider's first step (inquiry) runs before the transfer.
    public var prepares: Bool
    /// The routing decision that chose it (JSON), stored on the payout.
    public var routingJSON: String?

    public init(number: Int, provider: ProviderName, clearing: Clearing, prepares: Bool, routingJSON: String?) {
        self.number = number
        self.provider = provider
        self.clearing = clearing
        self.prepares = prepares
        self.routingJSON = routingJSON
    }
}

/// What recording a provider's answer changed.
public enum RecordEffect: Sendable, Hashable {
    /// Nothing: the attempt was already final with the same news, or the news was older.
    case unchanged
    /// The attempt is still open; its state or the provider's id was noted.
    case noted
    /// The payout succeeded; ledger posted.
    case succeeded
    /// The attempt failed definitely; the job is due now so the next candidate is tried.
    case attemptFailed
    /// The payout failed (the beneficiary was refused, or it had been in review); hold released.
    case payoutFailed
    /// The news contradicts a final attempt (a success after a failure, or the reverse).
    /// `toReview`: the failure had let the payout go on, so it was put in `needs_review` now.
    case conflict(String, toReview: Bool = false)
    /// No attempt has this reference.
    case unknownAttempt
}
