import Payouts

/// Every `responseCode` Duitku documents [seed-004] ("Status Code", "Vendor Response Code" and
/// "Error Code" tables, plus `89` from the sandbox scenarios), and any other as `unrecognized`.
enum DuitkuCode: Hashable {
    case approved, waitingForCallback, generalError, atmBersamaTimeout, linkDown, notRecorded
    case invalidDestination, otherError, userNotFound, userBlocked, invalidAmount, alreadyFinished
    case bankNotH2H, bankNotFound, callbackURLNotFound, wrongSignature, blacklisted, invalidEmail
    case transferNotFound, insufficientFund, limitExceeded, ipNotWhitelisted, vendorTimeout
    case invalidParameter, timestampExpired, linkToHostDown
    /// ISO 8583-style vendor codes ("Vendor Response Code" and "Error Code" tables).
    case referToIssuer, disallowed, genericException, vendorInvalidAmount, accountNotFound, noSuchIssuer
    case invalidFormat, invalidBankCode, vendorInsufficientFunds, genericVendorError, tooLate
    case billAlreadyPaid, invalidBeneficiary, transportError, otherVendorCode(String)
    /// Never seen before: an alert, and never a guessed failure (STYLE.md §4).
    case unrecognized(String)

    /// Reads a raw code; the table is Duitku's, so only here does a string become a case.
    init(_ raw: String) {
        switch raw {
        case "00": self = .approved
        case "80": self = .waitingForCallback
        case "EE": self = .generalError
        case "TO": self = .atmBersamaTimeout
        case "LD": self = .linkDown
        case "NF": self = .notRecorded
        case "76": self = .invalidDestination
        case "-100": self = .otherError
        case "-120": self = .userNotFound
        case "-123": self = .userBlocked
        case "-141": self = .invalidAmount
        case "-142": self = .alreadyFinished
        case "-148": self = .bankNotH2H
        case "-149": self = .bankNotFound
        case "-161": self = .callbackURLNotFound
        case "-191": self = .wrongSignature
        case "-192": self = .blacklisted
        case "-213": self = .invalidEmail
        case "-420": self = .transferNotFound
        case "-510": self = .insufficientFund
        case "-920": self = .limitExceeded
        case "-930": self = .ipNotWhitelisted
        case "-951": self = .vendorTimeout
        case "-952": self = .invalidParameter
        case "-960": self = .timestampExpired
        case "89": self = .linkToHostDown
        case "01": self = .referToIssuer
        case "05": self = .disallowed
        case "12": self = .genericException
        case "13": self = .vendorInvalidAmount
        case "14": self = .accountNotFound
        case "15": self = .noSuchIssuer
        case "30": self = .invalidFormat
        case "31": self = .invalidBankCode
        case "51": self = .vendorInsufficientFunds
        case "66": self = .genericVendorError
        case "68": self = .tooLate
        case "88": self = .billAlreadyPaid
        case "90": self = .invalidBeneficiary
        case "91": self = .transportError
        // Card-network codes of the "Error Code" table that cannot describe a transfer outcome.
        case "03", "04", "20", "33", "36", "38", "39", "40", "41", "43", "52": self = .otherVendorCode(raw)
        default: self = .unrecognized(raw)
        }
    }

    /// What the code says, in one exhaustive switch (no `default`).
    var meaning: DuitkuMeaning {
        switch self {
        case .approved: .approved
        case .waitingForCallback: .waitingForCallback
        // "Do not retry" (TO, 68, -100) and link or vendor trouble: the transfer may be with the
        // bank; only inquirystatus can tell (duitku.md §3, §5). EE is final only after a status
        // check (§5), and -142 says the disburseId was already used.
        case .atmBersamaTimeout, .tooLate, .otherError, .linkDown, .transportError, .linkToHostDown,
             .vendorTimeout, .generalError, .alreadyFinished, .transferNotFound, .genericException,
             .genericVendorError, .referToIssuer, .disallowed, .vendorInsufficientFunds, .billAlreadyPaid,
             .otherVendorCode, .unrecognized:
            .checkStatus
        // The call itself was refused before anything was processed (config, auth, clock).
        case .userNotFound, .userBlocked, .callbackURLNotFound, .wrongSignature, .invalidEmail,
             .ipNotWhitelisted, .invalidParameter, .timestampExpired:
            .requestRefused(.rejectedByProvider)
        // The transfer itself was declined (§5 final failures).
        case .invalidDestination, .blacklisted, .accountNotFound, .invalidBeneficiary: .transferRefused(.invalidAccount)
        case .insufficientFund: .transferRefused(.insufficientProviderBalance)
        case .limitExceeded: .transferRefused(.limitExceeded)
        case .notRecorded: .notRecorded
        case .invalidAmount, .bankNotH2H, .bankNotFound, .vendorInvalidAmount, .noSuchIssuer, .invalidFormat,
             .invalidBankCode:
            .transferRefused(.rejectedByProvider)
        }
    }
}

/// The neutral reading of a Duitku code, before the stage (inquiry, transfer, status) decides.
enum DuitkuMeaning: Hashable {
    case approved
    case waitingForCallback
    /// Ambiguous: never resubmit, ask inquirystatus.
    case checkStatus
    /// Our request was refused as such; says nothing about an earlier transfer.
    case requestRefused(FailureCode)
    /// The transfer was declined; no money moved.
    case transferRefused(FailureCode)
    /// NF, "Transaction has not recorded on Remittance gateway" [seed-004]: the transfer call's own
    /// answer that it recorded nothing (duitku.md §3, §5: failed, not sent), but from inquirystatus
    /// only "not recorded yet": a transfer answered TO, 68 or -100 may still be on its way.
    case notRecorded
}

/// Reading a response code at each stage of a payout.
enum DuitkuStatus {
    /// After the transfer call: nothing but a definite refusal is a failure.
    static func afterTransfer(_ raw: String, desc: String, disburseID: String, amount: Money?) -> ProviderOutcome {
        switch DuitkuCode(raw).meaning {
        case .approved: .succeeded(providerTransactionID: disburseID, fee: nil, amount: amount)
        case .waitingForCallback: .accepted(providerTransactionID: disburseID)
        case .checkStatus: .unknown(reason: "Duitku answered \(raw) (\(desc)): check status, do not retry",
                                    providerTransactionID: disburseID)
        case .requestRefused(let code), .transferRefused(let code):
            .failed(ProviderFailure(code: code, providerCode: raw, message: desc))
        case .notRecorded:
            .failed(ProviderFailure(code: .bankUnavailable, providerCode: raw, message: desc))
        }
    }

    /// After inquirystatus: a refusal of the status call itself says nothing about the transfer,
    /// and neither does NF, which documents no "never paid" (§9: no distinct pending code); the
    /// attempt stays unknown until a definite answer or the reconcile deadline.
    static func afterStatusCheck(_ raw: String, desc: String, disburseID: String, amount: Money?) -> ProviderOutcome {
        switch DuitkuCode(raw).meaning {
        case .approved: .succeeded(providerTransactionID: disburseID, fee: nil, amount: amount)
        case .waitingForCallback: .accepted(providerTransactionID: disburseID)
        case .checkStatus, .requestRefused, .notRecorded:
            .unknown(reason: "Duitku status answered \(raw) (\(desc))", providerTransactionID: disburseID)
        case .transferRefused(let code):
            .failed(ProviderFailure(code: code, providerCode: raw, message: desc))
        }
    }

    /// After an inquiry, which only reserves a disburseId and never moves money (§5).
    static func afterInquiry(_ raw: String, desc: String) -> DuitkuInquiryResult {
        switch DuitkuCode(raw).meaning {
        case .approved: .approved
        case .waitingForCallback, .checkStatus: .inconclusive(raw, desc)
        case .requestRefused(let code), .transferRefused(let code):
            .refused(ProviderFailure(code: code, providerCode: raw, message: desc))
        case .notRecorded:
            .refused(ProviderFailure(code: .bankUnavailable, providerCode: raw, message: desc))
        }
    }
}

/// An inquiry's verdict.
enum DuitkuInquiryResult {
    case approved
    case inconclusive(String, String)
    case refused(ProviderFailure)
}

/// The H2H callback's `statusCode` (Callback Status Code table [seed-004]).
enum DuitkuCallbackStatus: Hashable {
    case success, failed, pending, unrecognized(String)

    init(_ raw: String) {
        switch raw {
        case "00": self = .success
        case "01": self = .failed
        case "68": self = .pending
        default: self = .unrecognized(raw)
        }
    }

    func outcome(disburseID: String, desc: String, amount: Money?) -> ProviderOutcome {
        switch self {
        case .success: .succeeded(providerTransactionID: disburseID, fee: nil, amount: amount)
        case .failed:
            .failed(ProviderFailure(code: .rejectedByProvider, providerCode: "01", message: desc))
        case .pending: .accepted(providerTransactionID: disburseID)
        case .unrecognized(let raw):
            .unknown(reason: "unrecognized Duitku callback status \(raw)", providerTransactionID: disburseID)
        }
    }
}
