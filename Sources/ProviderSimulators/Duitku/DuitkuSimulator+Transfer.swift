import Foundation
import HTTPServer
import Payouts

extension DuitkuSimulator {
    /// Online or clearing transfer: checks, then the scenario table, executing at most once per disburseId.
    func transfer(_ request: ServerRequest, clearing: Bool) -> [String: Any] {
        guard let f = DuitkuFields(request.body), let amount = f.integer("amountTransfer") else { return code("-952") }
        let id = f.string("disburseId")
        var signed = [f.string("email"), f.string("timestamp"), f.string("bankCode")]
        if clearing { signed.append(f.string("type")) }
        signed += [f.string("bankAccount"), f.string("accountName"), f.string("custRefNumber"), String(amount),
                   f.string("purpose"), id]
        if let refusal = refusal(f, signed: signed) { return refusal }
        guard let inquiry = ledger.withLock({ $0.inquiries[id] }) else { return code("-420") }
        // The transfer must send back exactly what the inquiry answered (§2.1).
        guard inquiry.bankCode == f.string("bankCode"), inquiry.bankAccount == f.string("bankAccount"),
              inquiry.amount == amount, inquiry.accountName == f.string("accountName"),
              inquiry.custRefNumber == f.string("custRefNumber"),
              inquiry.type == (clearing ? f.string("type") : nil) else { return code("-952") }
        let table = clearing ? DuitkuScenarios.clearingTransfer : DuitkuScenarios.onlineTransfer
        let scenario = table[inquiry.bankAccount] ?? "00"
        let answered = settle(id, inquiry, scenario: scenario)
        return code(answered, echo(inquiry).merging(inquiry.type.map { ["type": $0] } ?? [:]) { $1 })
    }

    /// Records the transfer's fate under the lock, so two racing calls cannot both execute.
    private func settle(_ id: String, _ inquiry: Inquiry, scenario: String) -> String {
        let answered = ledger.withLock { ledger -> String in
            guard ledger.transfers[id] == nil else { return "-142" }
            let executes = scenario == "00" || DuitkuScenarios.executesDespite(scenario)
            if executes {
                guard ledger.balance >= inquiry.amount else {
                    ledger.transfers[id] = .failed("-510")
                    return "-510"
                }
                ledger.balance -= inquiry.amount
                ledger.executed.append(ExecutedTransfer(reference: id, amount: Money(rupiah: inquiry.amount) ?? .zero,
                                                        accountNumber: inquiry.bankAccount, bank: inquiry.bankCode))
                ledger.transfers[id] = scenario != "00" ? .recordedLate : inquiry.type == "H2H" ? .pending : .succeeded
                return inquiry.type == "H2H" && scenario == "00" ? "80" : scenario
            }
            ledger.transfers[id] = .failed(DuitkuScenarios.definiteRefusals.contains(scenario) ? scenario : "NF")
            return scenario
        }
        if answered == "80" { scheduleCallback(id, inquiry) }
        return answered
    }

    /// After `settleDelay` the H2H transfer completes and Duitku POSTs the signed callback (§4).
    private func scheduleCallback(_ id: String, _ inquiry: Inquiry) {
        let delay = options.settleDelay
        let url = options.callbackURL
        Task.detached { [self] in
            try? await Task.sleep(for: delay)
            ledger.withLock { $0.transfers[id] = .succeeded }
            guard let url else { return }
            let signature = hash([credentials.email, inquiry.bankCode, inquiry.bankAccount, inquiry.accountName,
                                  inquiry.custRefNumber, String(inquiry.amount), id])
            let fields: [String: Any] = [
                "disburseId": id, "userId": credentials.userID, "email": credentials.email,
                "bankCode": inquiry.bankCode, "bankAccount": inquiry.bankAccount, "amountTransfer": inquiry.amount,
                "accountName": inquiry.accountName, "custRefNumber": inquiry.custRefNumber, "statusCode": "00",
                "statusDesc": "Success", "errorMessage": "", "signature": signature,
            ]
            let body = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
            guard host.withLock({ $0 })?.isStopped == false else { return }
            _ = CallbackPoster.post(url: url, headers: [], body: Array(body))
        }
    }
}
