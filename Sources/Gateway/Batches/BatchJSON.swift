import Payouts
import Store

/// The one shape of a batch on the wire. The database's `payout_batch_json` writes the same
/// document for the `batch.completed` event; BatchTests compares the two.
enum BatchJSON {
    static func write(_ batch: StoredBatch, into json: inout JSONWriter) {
        json.object { json in
            fields(batch, into: &json)
        }
    }

    static func fields(_ batch: StoredBatch, into json: inout JSONWriter) {
        json.field("id", batch.id)
        json.field("reference", batch.reference)
        json.field("status", batch.status.rawValue)
        json.field("approval", batch.approval.rawValue)
        json.field("created_by", batch.createdBy)
        json.field("approved_by", batch.approvedBy)
        json.field("approved_at", batch.approvedAt?.rfc3339)
        json.field("rejected_by", batch.rejectedBy)
        json.field("rejected_at", batch.rejectedAt?.rfc3339)
        json.field("item_count", batch.itemCount)
        json.field("total_amount", batch.totalAmount.decimalString)
        json.key("by_status")
        json.object { json in
            for status in PayoutStatus.allCases {
                let tally = batch.byStatus[status] ?? .zero
                json.key(status.rawValue)
                json.object { json in
                    json.field("count", tally.count)
                    json.field("amount", tally.amount.decimalString)
                }
            }
        }
        json.field("created_at", batch.createdAt.rfc3339)
        json.field("completed_at", batch.completedAt?.rfc3339)
    }

    static func bytes(_ batch: StoredBatch) -> [UInt8] {
        var json = JSONWriter()
        write(batch, into: &json)
        return json.bytes
    }

    /// The answer to a create: the batch, and its payouts' ids in item order so the client can
    /// match each item to its payout.
    static func created(_ batch: StoredBatch, payouts: [Payout]) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            fields(batch, into: &json)
            json.key("payouts")
            json.array { json in
                for payout in payouts {
                    json.object { json in
                        json.field("id", payout.id)
                        json.field("reference", payout.reference)
                        json.field("status", payout.status.rawValue)
                    }
                }
            }
        }
        return json.bytes
    }
}
