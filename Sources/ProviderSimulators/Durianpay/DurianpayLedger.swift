import Crypto
import Foundation
import Payouts

/// The simulator's books: batches by id and by idempotency key, the balance, and what was paid.
struct DurianpayLedger: Sendable {
    struct Item: Sendable {
        let id: String
        let ownerName: String
        let bankCode: String
        let amount: Int64
        let accountNumber: String
        var status: String
        var failureReason: String?
    }

    struct Batch: Sendable {
        let id: String
        let name: String
        let description: String
        let idempotencyKey: String
        var status: String
        var items: [Item]
        var total: Int64 { items.reduce(0) { $0 + $1.amount } }
    }

    /// A webhook to send: the event and the batch as it stood.
    struct Webhook: Sendable {
        let event: String
        let batch: Batch
    }

    /// Bank codes the simulator accepts: the confirmed ones [durianpay.md §8] and the likely others.
    static let bankCodes: Set<String> = ["bca", "cimb", "bni", "mandiri", "bri", "permata", "danamon", "bsi", "btn"]

    var balance: Int64
    var batches: [String: Batch] = [:]
    var batchByKey: [String: String] = [:]
    var usedValidationKeys: Set<String> = []
    var executed: [DurianpaySimulator.ExecutedTransfer] = []
    var paidReferences: Set<String> = []
    var sequence = 0

    init(balance: Int64) { self.balance = balance }

    mutating func nextID(_ prefix: String) -> String {
        sequence += 1
        return prefix + "Sim" + String(sequence)
    }

    /// Creates the batch for a new key; validates and, with `forceDisburse`, disburses at once.
    mutating func submit(key: String, name: String, description: String, items: [Item], forceDisburse: Bool) -> (Batch, [Webhook]) {
        var batch = Batch(id: nextID("dis_"), name: name, description: description, idempotencyKey: key,
                          status: "need_approval", items: items)
        for index in batch.items.indices {
            batch.items[index].status = Self.isValid(batch.items[index]) ? "valid" : "invalid"
        }
        var webhooks = [Webhook(event: "disbursement.validation_completed", batch: batch)]
        if forceDisburse {
            batch.status = "approved"
            for index in batch.items.indices where batch.items[index].status == "valid" {
                disburse(&batch.items[index], reference: key)
            }
            batch.status = Self.summary(batch.items)
            if batch.status != "approved" { webhooks.append(Webhook(event: "disbursement.completed", batch: batch)) }
        }
        batches[batch.id] = batch
        batchByKey[key] = batch.id
        return (batch, webhooks)
    }

    static func isValid(_ item: Item) -> Bool {
        bankCodes.contains(item.bankCode) && !["0", "1"].contains(item.accountNumber)
            && !item.accountNumber.hasPrefix("9999")
    }

    /// Moves one valid item to its scripted outcome; the only place money leaves.
    mutating func disburse(_ item: inout Item, reference: String) {
        if item.accountNumber.hasPrefix("7777") {
            item.status = "processing"
        } else if item.accountNumber.hasPrefix("8888") {
            item.status = "failed"
            item.failureReason = "rejected by destination bank"
        } else {
            pay(&item, reference: reference)
        }
    }

    mutating func pay(_ item: inout Item, reference: String) {
        let paymentKey = reference + "/" + item.id
        guard !paidReferences.contains(paymentKey) else { return }
        guard item.amount <= balance else {
            item.status = "failed"
            item.failureReason = "insufficient balance"
            return
        }
        balance -= item.amount
        paidReferences.insert(paymentKey)
        item.status = "done"
        executed.append(.init(reference: reference, amount: Money(rupiah: item.amount) ?? .zero,
                              accountNumber: item.accountNumber, bankCode: item.bankCode))
    }

    mutating func complete(batchID: String, succeeded: Bool) -> [Webhook] {
        guard var batch = batches[batchID] else { return [] }
        for index in batch.items.indices where batch.items[index].status == "processing" {
            if succeeded {
                pay(&batch.items[index], reference: batch.idempotencyKey)
            } else {
                batch.items[index].status = "failed"
                batch.items[index].failureReason = "failed at the bank"
            }
        }
        batch.status = Self.summary(batch.items)
        batches[batchID] = batch
        return [Webhook(event: "disbursement.completed", batch: batch)]
    }

    /// Batch status from its items [seed-000: success / partially_success / failed].
    static func summary(_ items: [Item]) -> String {
        if items.contains(where: { $0.status == "processing" || $0.status == "valid" }) { return "approved" }
        let done = items.filter { $0.status == "done" }.count
        return done == items.count ? "success" : done == 0 ? "failed" : "partially_success"
    }
}

extension DurianpayLedger.Batch {
    static func amount(_ rupiah: Int64) -> String { "\(rupiah).00" }

    /// The batch object of fetch and status-by-key [durianpay.md §2.3].
    var json: [String: Any] {
        ["id": id, "name": name, "idempotency_key": idempotencyKey, "type": "batch", "status": status,
         "total_amount": Self.amount(total), "total_disbursements": items.count, "description": description,
         "fees": 4000 * items.count, "created_from": "api", "is_live": false]
    }

    var itemsJSON: [[String: Any]] {
        items.map { item in
            var object: [String: Any] = [
                "id": item.id, "disbursement_batch_id": id, "account_owner_name": item.ownerName,
                "real_name": item.status == "invalid" ? "" : item.ownerName.uppercased(), "bank_code": item.bankCode,
                "amount": Self.amount(item.amount), "account_number": item.accountNumber, "status": item.status,
                "invalid_fields": item.status == "invalid" ? Self.invalidFields : [],
            ]
            if let reason = item.failureReason { object["failure_reason"] = reason }
            return object
        }
    }

    static var invalidFields: [[String: Any]] { [
        ["key": "bank_code", "message": "Invalid BankCode/AccountNumber"],
        ["key": "account_number", "message": "Invalid BankCode/AccountNumber"],
    ] }
}

extension DurianpayLedger.Webhook {
    /// The delivery body, signed with HMAC-SHA256 of `id|amount` [durianpay.md §1.3, §4][seed-000].
    func body(serverKey: String) -> [UInt8] {
        let amount = DurianpayLedger.Batch.amount(batch.total)
        let signature = Hex.encode(HMAC.sha256(key: serverKey, message: batch.id + "|" + amount))
        var data: [String: Any] = ["id": batch.id, "name": batch.name, "description": batch.description,
                                   "is_live": false, "merchant_id": "mer_Simulator", "type": "batch", "signature": signature]
        let lines = batch.items.map { ["id": $0.id, "status": $0.status, "account_number": $0.accountNumber,
                                       "amount": DurianpayLedger.Batch.amount($0.amount), "bank_code": $0.bankCode,
                                       "owner_name": $0.ownerName] }
        if event == "disbursement.completed" {
            let done = batch.items.filter { $0.status == "done" }
            data["status"] = batch.status
            data["currency"] = "IDR"
            data["total_amount"] = amount
            data["items_count"] = batch.items.count
            data["item_status"] = batch.items.map { ["id": $0.id, "status": $0.status] }
            data["success_item_count"] = done.count
            data["failed_item_count"] = batch.items.count - done.count
        } else {
            data["amount"] = amount
            data["total_items"] = batch.items.count
            data["valid_disbursements"] = lines.filter { $0["status"] == "valid" }
            data["invalid_disbursements"] = lines.filter { $0["status"] == "invalid" }
        }
        let object: [String: Any] = ["event": event, "data": data, "retry_count": 0]
        return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }
}
