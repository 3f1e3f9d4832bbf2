import Payouts

/// The simulator's books: tokens, transactions by reference, the balance, what was executed.
struct SingaPayBook: Sendable {
    struct Transaction: Sendable {
        let id: String
        let reference: String
        let amount: Int64
        let fee: Int64
        let bankCode: String
        let accountNumber: String
        let notes: String
        let postedMillis: Int64
        var code: String
        var desc: String
        var failedReason: String?
        var processedMillis: Int64?
        var balanceAfter: Int64
    }

    var balance: Int64
    var tokens: [String: Int64] = [:]
    var tokensIssued = 0
    var transactions: [String: Transaction] = [:]
    var executed: [SingaPaySimulator.ExecutedTransfer] = []
    var sequence = 0

    init(balance: Int64) { self.balance = balance }

    /// The sandbox outcome chosen by the account number's prefix, as observed by the reference
    /// SDK's author [singapay.md §6]: (immediate code, final code if it changes later, failure text).
    static func scenario(_ account: String) -> (code: String, later: String?, reason: String?) {
        let prefix = String(account.prefix(4))
        switch prefix {
        case "1000", "1002", "1006", "1007", "1008", "4000": return ("00", nil, nil)
        case "1001": return ("06", nil, "ACCOUNT-Bad Request")
        case "1003": return ("06", nil, "ACCOUNT-Insufficient Funds")
        case "1004": return ("03", "06", "ACCOUNT-INTERNAL_SERVER_ERROR")
        case "1005": return ("03", "06", "ACCOUNT-Invalid Account")
        default: return ("01", nil, nil) // stays pending indefinitely
        }
    }

    static func describe(_ code: String) -> String {
        ["00": "Success", "01": "Initiated", "02": "Paying", "03": "Pending", "04": "Refunded",
         "05": "Canceled", "06": "Failed", "07": "Not Found"][code] ?? "Unknown"
    }

    enum TransferResult {
        case created(Transaction, settlesLater: Bool)
        case duplicate
        case insufficient
    }

    /// Executes a new reference once; a known reference is never executed again [singapay.md §5 SP004].
    mutating func transfer(reference: String, amount: Int64, fee: Int64, bankCode: String, account: String,
                           notes: String, nowMillis: Int64) -> TransferResult {
        guard transactions[reference] == nil else { return .duplicate }
        guard amount + fee <= balance else { return .insufficient }
        balance -= amount + fee
        sequence += 1
        let scenario = Self.scenario(account)
        var transaction = Transaction(id: String(1_012_220_251_229_000 + sequence), reference: reference, amount: amount,
                                      fee: fee, bankCode: bankCode, accountNumber: account, notes: notes, postedMillis: nowMillis,
                                      code: scenario.code, desc: Self.describe(scenario.code), failedReason: nil,
                                      processedMillis: nil, balanceAfter: balance)
        executed.append(.init(reference: reference, amount: Money(rupiah: amount) ?? .zero,
                              accountNumber: account, bankCode: bankCode))
        if scenario.later == nil { settle(&transaction, code: scenario.code, reason: scenario.reason, nowMillis: nowMillis) }
        transactions[reference] = transaction
        return .created(transaction, settlesLater: scenario.later != nil)
    }

    /// Moves a transaction to its final state; a failure gives the money back.
    mutating func settle(_ transaction: inout Transaction, code: String, reason: String?, nowMillis: Int64) {
        transaction.code = code
        transaction.desc = Self.describe(code)
        if code == "06" {
            transaction.failedReason = reason
            balance += transaction.amount + transaction.fee
        }
        transaction.processedMillis = code == "00" ? nowMillis : nil
        transaction.balanceAfter = balance
    }

    /// Settles a slow scenario (1004, 1005) once its pending time has passed.
    mutating func settleLater(reference: String, nowMillis: Int64) -> Transaction? {
        guard var transaction = transactions[reference] else { return nil }
        let scenario = Self.scenario(transaction.accountNumber)
        guard let later = scenario.later else { return nil }
        settle(&transaction, code: later, reason: scenario.reason, nowMillis: nowMillis)
        transactions[reference] = transaction
        return transaction
    }
}

extension SingaPayBook.Transaction {
    static func money(_ rupiah: Int64) -> [String: Any] { ["currency": "IDR", "value": "\(rupiah).00"] }

    /// `data` of transfer, inquiry-status and webhooks [singapay.md §2.1, §4].
    var json: [String: Any] {
        var data: [String: Any] = [
            "transaction_id": id, "reference_number": reference,
            "transaction_status": ["code": code, "desc": desc],
            "post_timestamp": String(postedMillis), "processed_timestamp": processedMillis.map(String.init) ?? "",
            "bank": ["code": bankCode, "name": bankCode, "account_name": "SANDBOX HOLDER", "account_number": accountNumber],
            "gross_amount": Self.money(amount + fee), "fee": ["currency": "IDR", "value": String(fee)],
            "net_amount": Self.money(amount), "balance_after": Self.money(balanceAfter), "notes": notes,
        ]
        if let failedReason {
            data["failed_reason"] = failedReason
            data["failed_code"] = "500"
        }
        return data
    }
}
