import Payouts

/// Request-level response codes [singapay.md §5]. They say what happened to the request, not
/// to the money: `SP000` only means "accepted" and the transaction status decides.
enum SingaPayResponseCode: Hashable {
    case sp000, sp001, sp002, sp003, sp004, sp005, sp006, sp007, sp008, sp009, sp010
    case sp011, sp012, sp013, sp014, sp015, sp016, sp017, sp018, sp019, sp020, sp403
    case unrecognized(String)

    init(_ raw: String) {
        let known: [String: SingaPayResponseCode] = [
            "SP000": .sp000, "SP001": .sp001, "SP002": .sp002, "SP003": .sp003, "SP004": .sp004, "SP005": .sp005,
            "SP006": .sp006, "SP007": .sp007, "SP008": .sp008, "SP009": .sp009, "SP010": .sp010, "SP011": .sp011,
            "SP012": .sp012, "SP013": .sp013, "SP014": .sp014, "SP015": .sp015, "SP016": .sp016, "SP017": .sp017,
            "SP018": .sp018, "SP019": .sp019, "SP020": .sp020, "SP403": .sp403,
        ]
        self = known[raw] ?? .unrecognized(raw)
    }

    /// What a transfer answer with this code means [singapay.md §5 handling column].
    var meaning: SingaPayResponseMeaning {
        switch self {
        case .sp000: .readTransactionStatus
        // Outcome uncertain; the docs say check inquiry-status before deciding.
        case .sp001, .sp002, .sp005, .sp019: .checkStatus
        // Balance too low, or over the beneficiary's limit: final for this attempt, but SingaPay's
        // code page lists both among "need check inquiry status" [singapay.md §5], so the
        // refusal stands only once inquiry-status finds no transfer under the reference.
        case .sp003: .refusedUnlessFound(.insufficientProviderBalance)
        case .sp006: .refusedUnlessFound(.limitExceeded)
        // A transfer with this reference exists: go and read it, never send another.
        case .sp004: .duplicateReference
        case .sp007: .refused(.limitExceeded)
        case .sp010: .refused(.invalidAccount)
        case .sp011: .refused(.bankUnavailable)
        case .sp008, .sp012, .sp014, .sp015, .sp016, .sp017, .sp018, .sp020, .sp403: .refused(.rejectedByProvider)
        // Reading a transfer that SingaPay does not know (inquiry): not proof it was never made.
        case .sp009: .notFound
        case .sp013: .tokenExpired
        case .unrecognized: .checkStatus
        }
    }
}

/// The decision a response code leads to.
enum SingaPayResponseMeaning: Hashable {
    case readTransactionStatus
    case checkStatus
    case duplicateReference
    case tokenExpired
    case notFound
    case refused(FailureCode)
    /// A refusal to confirm: final only when inquiry-status knows no transfer by the reference.
    case refusedUnlessFound(FailureCode)
}

/// `transaction_status.code` [singapay.md §3].
enum SingaPayTransactionCode: Hashable {
    case success, initiated, paying, pending, refunded, canceled, failed, notFound
    case unrecognized(String)

    init(_ raw: String) {
        let known: [String: SingaPayTransactionCode] = [
            "00": .success, "01": .initiated, "02": .paying, "03": .pending,
            "04": .refunded, "05": .canceled, "06": .failed, "07": .notFound,
        ]
        self = known[raw] ?? .unrecognized(raw)
    }

    /// The neutral outcome of a transaction in this state.
    func outcome(transactionID: String?, fee: Money?, amount: Money?, reason: String?) -> ProviderOutcome {
        switch self {
        case .success:
            return .succeeded(providerTransactionID: transactionID, fee: fee, amount: amount)
        // 03 is "suspect": keep polling, it can still go either way [singapay.md §3].
        case .initiated, .paying, .pending:
            return .accepted(providerTransactionID: transactionID)
        // 04: paid out and reversed, the funds are back with us; 05/06: never paid. All final.
        case .refunded, .canceled, .failed:
            let code = self == .refunded ? "04" : self == .canceled ? "05" : "06"
            return .failed(ProviderFailure(code: .rejectedByProvider, providerCode: code,
                                           message: reason ?? "SingaPay transaction status \(code)"))
        // 07 right after an ambiguous submit may mean "not yet created"; never guess (singapay.md §3).
        case .notFound:
            return .unknown(reason: "SingaPay transaction status 07 (not found)")
        case .unrecognized(let raw):
            return .unknown(reason: "unrecognized SingaPay transaction status \(raw)")
        }
    }
}
