import Payouts
import Postgres

/// A batch as stored, with its payouts counted and summed by status.
public struct StoredBatch: Sendable, Equatable {
    /// How many payouts of a batch are in one status, and their amount.
    public struct Tally: Sendable, Equatable {
        public var count: Int
        public var amount: Money

        /// A tally of `count` payouts summing to `amount`.
        public init(count: Int, amount: Money) {
            self.count = count
            self.amount = amount
        }

        /// No payouts.
        public static let zero = Tally(count: 0, amount: .zero)
    }

    /// `pb_…`.
    public var id: String
    public var reference: String
    public var status: BatchStatus
    public var approval: BatchApproval
    /// The creator's API key name.
    public var createdBy: String
    /// The approving or rejecting key's name and when it decided.
    public var approvedBy: String?
    public var approvedAt: Timestamp?
    public var rejectedBy: String?
    public var rejectedAt: Timestamp?
    /// How many payouts the batch was accepted with, and their sum.
    public var itemCount: Int
    public var totalAmount: Money
    /// Every payout status, zero where no payout is in it.
    public var byStatus: [PayoutStatus: Tally]
    public var createdAt: Timestamp
    /// When the batch reached a final status.
    public var completedAt: Timestamp?

    /// A batch with every field given.
    public init(id: String, reference: String, status: BatchStatus, approval: BatchApproval, createdBy: String,
                approvedBy: String? = nil, approvedAt: Timestamp? = nil, rejectedBy: String? = nil,
                rejectedAt: Timestamp? = nil, itemCount: Int, totalAmount: Money,
                byStatus: [PayoutStatus: Tally], createdAt: Timestamp, completedAt: Timestamp? = nil) {
        self.id = id
        self.reference = reference
        self.status = status
        self.approval = approval
        self.createdBy = createdBy
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.rejectedBy = rejectedBy
        self.rejectedAt = rejectedAt
        self.itemCount = itemCount
        self.totalAmount = totalAmount
        self.byStatus = byStatus
        self.createdAt = createdAt
        self.completedAt = completedAt
    }

    /// The batch as it is accepted, before it is stored: the answer to its create request.
    public init(_ new: NewBatch, createdBy: String) {
        var byStatus: [PayoutStatus: Tally] = [:]
        for item in new.items {
            let tally = byStatus[item.payout.status] ?? .zero
            byStatus[item.payout.status] = Tally(count: tally.count + 1,
                                                 amount: tally.amount.adding(item.payout.amount) ?? tally.amount)
        }
        self.init(id: new.id, reference: new.reference, status: new.status, approval: new.approval, createdBy: createdBy,
                  itemCount: new.items.count, totalAmount: new.totalAmount ?? .zero, byStatus: byStatus,
                  createdAt: new.createdAt)
    }
}

/// Reading batch rows.
enum BatchRecord {
    static let columns = """
        b.id, b.reference, b.status, b.approval, creator.name AS created_by, approver.name AS approved_by,
        (extract(epoch FROM b.approved_at) * 1000000)::bigint AS approved_micros, rejecter.name AS rejected_by,
        (extract(epoch FROM b.rejected_at) * 1000000)::bigint AS rejected_micros, b.item_count, b.total_amount,
        (extract(epoch FROM b.created_at) * 1000000)::bigint AS created_micros,
        (extract(epoch FROM b.completed_at) * 1000000)::bigint AS completed_micros
        """
    static let from = """
        payout_batches b JOIN api_keys creator ON creator.id = b.api_key_id
        LEFT JOIN api_keys approver ON approver.id = b.approved_by
        LEFT JOIN api_keys rejecter ON rejecter.id = b.rejected_by
        """

    /// A batch row; `tallies` are its payouts' (status, count, amount) rows.
    static func batch(_ row: PostgresRow, tallies: [PostgresRow]) throws -> StoredBatch {
        let id: String = try row.decode("id")
        guard let status = BatchStatus(rawValue: try row.decode("status")),
              let approval = BatchApproval(rawValue: try row.decode("approval")),
              let total = Money(rupiah: try row.decode("total_amount")) else {
            throw StoreError.corruptRow(table: "payout_batches", id: id)
        }
        var byStatus = Dictionary(uniqueKeysWithValues: PayoutStatus.allCases.map { ($0, StoredBatch.Tally.zero) })
        for tally in tallies {
            guard let status = PayoutStatus(rawValue: try tally.decode("status")),
                  let amount = Money(rupiah: try tally.decode("amount")) else {
                throw StoreError.corruptRow(table: "payouts", id: id)
            }
            byStatus[status] = StoredBatch.Tally(count: try tally.decode("items"), amount: amount)
        }
        func time(_ column: String) throws -> Timestamp? {
            (try row.decode(column, as: Int64?.self)).map(Timestamp.init(microsecondsSinceEpoch:))
        }
        return StoredBatch(
            id: id, reference: try row.decode("reference"), status: status, approval: approval,
            createdBy: try row.decode("created_by"), approvedBy: try row.decode("approved_by"),
            approvedAt: try time("approved_micros"), rejectedBy: try row.decode("rejected_by"),
            rejectedAt: try time("rejected_micros"), itemCount: try row.decode("item_count"), totalAmount: total,
            byStatus: byStatus, createdAt: try time("created_micros") ?? Timestamp(microsecondsSinceEpoch: 0),
            completedAt: try time("completed_micros"))
    }
}
