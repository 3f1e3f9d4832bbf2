import Payouts

/// DOKU's `transaction.status`. Only `PENDING` is documented for RDL [seed-002]; `SUCCESS` and
/// `FAILED` are DOKU's spellings in its other products (doku.md §3, unconfirmed for RDL), and
/// anything else stays unknown rather than guessed.
enum DokuStatus: Hashable {
    case pending, success, failed, unrecognized(String)

    init(_ raw: String?) {
        switch raw {
        case "PENDING": self = .pending
        case "SUCCESS": self = .success
        case "FAILED": self = .failed
        default: self = .unrecognized(raw ?? "")
        }
    }

    /// The neutral outcome, in one exhaustive switch.
    func outcome(transactionID: String, amount: Int64) -> ProviderOutcome {
        switch self {
        case .pending: .accepted(providerTransactionID: transactionID)
        case .success: .succeeded(providerTransactionID: transactionID, fee: nil, amount: Money(rupiah: amount))
        // DOKU refunds a failed transfer to the deposit [doku-fin]: nothing left the account.
        case .failed:
            .failed(ProviderFailure(code: .rejectedByProvider, providerCode: "FAILED",
                                    message: "DOKU reported the disbursement failed"))
        case .unrecognized(let raw):
            .unknown(reason: "unrecognized DOKU status \(raw)", providerTransactionID: transactionID)
        }
    }
}
