import Payouts

/// Everything the create-batch transaction writes.
public struct NewBatch: Sendable {
    /// One payout of the batch, checked and routed like a single payout.
    public struct Item: Sendable {
        /// `awaiting_approval`, or `pending`/`scheduled` when the batch needs no approval.
        public var payout: Payout
        /// The routing decision taken when the batch was accepted (JSON).
        public var routingJSON: String?
        /// The journal id of the payout's ledger hold.
        public var holdJournalID: String

        /// An item to store.
        public init(payout: Payout, routingJSON: String?, holdJournalID: String) {
            self.payout = payout
            self.routingJSON = routingJSON
            self.holdJournalID = holdJournalID
        }
    }

    /// `pb_…`.
    public var id: String
    /// The client's own id for the batch, unique per API key.
    public var reference: String
    public var approval: BatchApproval
    /// The creator's key; it may never approve or reject the batch.
    public var apiKeyID: Int64
    public var idempotencyKey: String
    /// SHA-256 of the request: the same key with another body is refused.
    public var requestHash: [UInt8]
    /// The answer stored for replays (status 202).
    public var responseBody: [UInt8]
    /// Who asked, for the audit trail (the API key's name).
    public var actor: String
    public var createdAt: Timestamp
    /// In the order the client sent them.
    public var items: [Item]

    /// A batch to store; `items` is never empty.
    public init(id: String, reference: String, approval: BatchApproval, apiKeyID: Int64, idempotencyKey: String,
                requestHash: [UInt8], responseBody: [UInt8], actor: String, createdAt: Timestamp, items: [Item]) {
        precondition(!items.isEmpty, "a batch has at least one payout")
        self.id = id
        self.reference = reference
        self.approval = approval
        self.apiKeyID = apiKeyID
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.responseBody = responseBody
        self.actor = actor
        self.createdAt = createdAt
        self.items = items
    }

    /// The batch's status when accepted.
    public var status: BatchStatus { approval == .required ? .awaitingApproval : .processing }

    /// The sum of the items' amounts; nil if it would overflow (it cannot within `BatchLimits`
    /// and `PayoutLimits`, but money is never allowed to wrap).
    public var totalAmount: Money? {
        items.reduce(Money.zero as Money?) { total, item in total?.adding(item.payout.amount) }
    }
}

/// What a create-batch came to.
public enum BatchCreateOutcome: Sendable, Equatable {
    case created
    /// The key was used before with the same body: answer exactly as then.
    case replay(status: Int, body: [UInt8])
    /// The key was used before with a different body.
    case keyReusedWithDifferentBody
    /// Another request with the key is being processed right now.
    case keyInProgress
    /// The batch's reference is taken by another batch of this API key.
    case duplicateReference
    /// These item references are taken by payouts of this API key.
    case duplicateItemReferences([String])
}
