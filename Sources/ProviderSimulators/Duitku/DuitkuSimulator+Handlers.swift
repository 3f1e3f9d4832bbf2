import Crypto
import Foundation
import HTTPServer
import Payouts

/// A request body read leniently, as a JSON object.
struct DuitkuFields {
    let object: [String: Any]

    init?(_ bytes: [UInt8]) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return nil }
        self.object = object
    }

    func string(_ key: String) -> String {
        switch object[key] {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: ""
        }
    }

    func integer(_ key: String) -> Int64? {
        switch object[key] {
        case let number as NSNumber: number.int64Value
        case let text as String: Int64(text)
        default: nil
        }
    }
}

extension DuitkuSimulator {
    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    func code(_ code: String, _ extra: [String: Any] = [:]) -> [String: Any] {
        extra.merging(["responseCode": code, "responseDesc": DuitkuScenarios.description(code)]) { $1 }
    }

    func hash(_ fields: [String]) -> String {
        Hex.encode(Digest.sha256(fields.joined() + credentials.secretKey))
    }

    /// Merchant, clock and signature checks every call makes; nil when they pass.
    func refusal(_ fields: DuitkuFields, signed: [String]) -> [String: Any]? {
        guard fields.integer("userId") == Int64(credentials.userID) else { return code("-120") }
        guard fields.string("email") == credentials.email else { return code("-213") }
        guard let timestamp = fields.integer("timestamp"),
              abs(Self.nowMilliseconds() - timestamp) <= 5 * 60 * 1000 else { return code("-960") }
        guard ConstantTime.equals(hash(signed).utf8, fields.string("signature").lowercased().utf8) else {
            return code("-191")
        }
        return nil
    }

    func inquiry(_ request: ServerRequest, clearing: Bool) -> [String: Any] {
        guard let f = DuitkuFields(request.body), let amount = f.integer("amountTransfer") else { return code("-952") }
        let type = clearing ? f.string("type") : nil
        let signed = clearing
            ? [f.string("email"), f.string("timestamp"), f.string("bankCode"), f.string("type"), f.string("bankAccount"),
               String(amount), f.string("purpose")]
            : [f.string("email"), f.string("timestamp"), f.string("bankCode"), f.string("bankAccount"), String(amount),
               f.string("purpose")]
        if let refusal = refusal(f, signed: signed) { return refusal }
        if let type, !["LLG", "RTGS", "H2H", "BIFAST"].contains(type) { return code("-952") }
        if type == "H2H", !DuitkuScenarios.h2hBanks.contains(f.string("bankCode")) { return code("-148") }
        if let limit = amountRefusal(amount, type: type) { return code(limit) }
        let account = f.string("bankAccount")
        let table = clearing ? DuitkuScenarios.clearingInquiry : DuitkuScenarios.onlineInquiry
        let scenario = table[account] ?? "00"
        guard scenario == "00" else { return code(scenario) }
        let inquiry = ledger.withLock { ledger -> (String, Inquiry) in
            ledger.nextID += 1
            let id = String(ledger.nextID)
            let ref = clearing && !f.string("custRefNumber").isEmpty
                ? f.string("custRefNumber") : String(format: "%012lld", ledger.nextID)
            let inquiry = Inquiry(type: type, bankCode: f.string("bankCode"), bankAccount: account, amount: amount,
                                  accountName: "Test Account", custRefNumber: ref)
            ledger.inquiries[id] = inquiry
            return (id, inquiry)
        }
        var answer = echo(inquiry.1)
        answer["disburseId"] = Int64(inquiry.0)
        if let type { answer["type"] = type }
        return code("00", answer)
    }

    /// Limits of the overview and clearing pages (duitku.md §7).
    func amountRefusal(_ amount: Int64, type: String?) -> String? {
        switch type {
        case nil: amount < 10_000 ? "-141" : amount > 100_000_000 ? "-920" : nil
        case "RTGS": amount < 100_000_000 ? "-141" : nil
        case "LLG": amount > 1_000_000_000 ? "-920" : amount <= 0 ? "-141" : nil
        default: amount <= 0 ? "-141" : nil
        }
    }

    func echo(_ inquiry: Inquiry) -> [String: Any] {
        ["email": credentials.email, "bankCode": inquiry.bankCode, "bankAccount": inquiry.bankAccount,
         "amountTransfer": Decimal(inquiry.amount), "accountName": inquiry.accountName,
         "custRefNumber": inquiry.custRefNumber]
    }

    func status(_ request: ServerRequest) -> [String: Any] {
        guard let f = DuitkuFields(request.body) else { return code("-952") }
        let id = f.string("disburseId")
        if let refusal = refusal(f, signed: [f.string("email"), f.string("timestamp"), id]) { return refusal }
        let (inquiry, settlement) = ledger.withLock { ledger in
            let found = (ledger.inquiries[id], ledger.transfers[id])
            if case .recordedLate = found.1 { ledger.transfers[id] = .succeeded }
            return found
        }
        guard let inquiry, let settlement else { return code("-420") }
        switch settlement {
        case .succeeded: return code("00", echo(inquiry))
        case .pending: return code("80", echo(inquiry))
        case .recordedLate: return code("NF", echo(inquiry))
        case .failed(let failure): return code(failure, echo(inquiry))
        }
    }

    func checkBalance(_ request: ServerRequest) -> [String: Any] {
        guard let f = DuitkuFields(request.body) else { return code("-952") }
        if let refusal = refusal(f, signed: [f.string("email"), f.string("timestamp")]) { return refusal }
        let balance = Decimal(ledger.withLock { $0.balance })
        return code("00", ["userId": credentials.userID, "email": credentials.email, "balance": balance,
                           "effectiveBalance": balance])
    }

    func listBank(_ request: ServerRequest) -> [String: Any] {
        guard let f = DuitkuFields(request.body) else { return code("-952") }
        if let refusal = refusal(f, signed: [f.string("email"), f.string("timestamp")]) { return refusal }
        // The documented sample's entries [seed-004].
        let banks: [[String: Any]] = [
            ["bankCode": "014", "bankName": "BANK CENTRAL ASIA", "maxAmountTransfer": "50000000"],
            ["bankCode": "002", "bankName": "BANK BRI", "maxAmountTransfer": "100000000"],
            ["bankCode": "1010", "bankName": "OVO", "maxAmountTransfer": "25000000"],
        ]
        return code("00", ["Banks": banks])
    }
}
