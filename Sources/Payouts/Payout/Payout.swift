/// A payout as stored: the checked request plus where it is in its life.
public struct Payout: Hashable, Sendable, Identifiable {
    /// Gateway id, `po_…`; made by the caller (Crypto's random ids), not here.
    public let id: String
    /// The client's unique reference.
    public let reference: String
    /// Where the payout is in its life.
    public private(set) var status: PayoutStatus
    /// The amount paid to the beneficiary.
    public let amount: Money
    /// Always IDR.
    public let currency: Currency
    /// Who receives the money.
    public let beneficiary: Beneficiary
    /// As requested until dispatch, then as chosen by routing.
    public var clearing: Clearing
    /// As requested until dispatch, then as chosen by routing.
    public var provider: ProviderName?
    /// Free text for the provider's notes.
    public let description: String?
    /// Client key-value pairs.
    public let metadata: [String: String]
    /// Whether the account and holder name are checked with a provider before the first attempt.
    public let validatesAccount: Bool
    /// `execute: immediately`: never waits for a clearing window. A payout whose rails are all
    /// closed when it is sent (a failover after the cut-off, a batch approved late) fails
    /// `no_route` rather than being scheduled, as it would have been refused when accepted.
    public var executesImmediately: Bool
    /// Why it failed; set exactly when `status` is `failed`.
    public private(set) var failure: PayoutFailure?
    /// When a `scheduled` payout's clearing window opens.
    public var scheduledFor: Timestamp?
    /// When the payout was accepted.
    public let createdAt: Timestamp
    /// When anything last changed.
    public private(set) var updatedAt: Timestamp

    /// A newly accepted payout, `pending` unless it starts `awaiting_approval` (batches).
    public init(id: String, request: PayoutRequest, createdAt: Timestamp, status: PayoutStatus = .pending) {
        precondition(status == .pending || status == .awaitingApproval, "a payout starts pending or awaiting approval")
        self.init(id: id, reference: request.reference, status: status, amount: request.amount,
                  currency: request.currency, beneficiary: request.beneficiary, clearing: request.clearing,
                  provider: request.provider, description: request.description, metadata: request.metadata,
                  failure: nil, scheduledFor: nil, createdAt: createdAt, updatedAt: createdAt,
                  validatesAccount: request.validatesAccount)
    }

    /// A payout with every field given, as the store reads it back.
    public init(id: String, reference: String, status: PayoutStatus, amount: Money, currency: Currency,
                beneficiary: Beneficiary, clearing: Clearing, provider: ProviderName?, description: String?,
                metadata: [String: String], failure: PayoutFailure?, scheduledFor: Timestamp?,
                createdAt: Timestamp, updatedAt: Timestamp, validatesAccount: Bool = false,
                executesImmediately: Bool = false) {
        self.id = id
        self.reference = reference
        self.status = status
        self.amount = amount
        self.currency = currency
        self.beneficiary = beneficiary
        self.clearing = clearing
        self.provider = provider
        self.description = description
        self.metadata = metadata
        self.failure = failure
        self.scheduledFor = scheduledFor
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.validatesAccount = validatesAccount
        self.executesImmediately = executesImmediately
    }

    /// The beneficiary's account number masked as `******3566`.
    public var maskedAccountNumber: String { beneficiary.maskedAccountNumber }

    /// Moves to `next` at `time` along a lifecycle edge; a move to `failed` needs a failure.
    public mutating func transition(to next: PayoutStatus, at time: Timestamp,
                                    failure: PayoutFailure? = nil) throws(PayoutError) {
        guard status.canTransition(to: next) else {
            throw .invalidTransition(from: status, to: next)
        }
        guard (next == .failed) == (failure != nil) else {
            throw .failureMismatch(status: next)
        }
        status = next
        self.failure = failure
        updatedAt = max(updatedAt, time)
    }
}
