/// Duitku's documented sandbox scenarios, keyed by `bankAccount` ("Testing" tables [seed-004],
/// duitku.md §6). Accounts not listed behave like the success account.
enum DuitkuScenarios {
    /// Online inquiry: account → responseCode.
    static let onlineInquiry: [String: String] = [
        "8760673566": "00", "8760673511": "TO", "8760673512": "-100", "8760673513": "LD",
        "8760673514": "91", "8760673515": "89",
    ]
    /// Online transfer.
    static let onlineTransfer: [String: String] = [
        "8760673566": "00", "8760673559": "LD", "8760673560": "91", "8760673561": "TO",
        "8760673562": "-510", "8760673563": "89", "8760673564": "68", "8760673565": "-100",
    ]
    /// Clearing inquiry.
    static let clearingInquiry: [String: String] = [
        "8760673466": "00", "8760673411": "EE", "8760673412": "TO", "8760673413": "LD", "8760673414": "NF",
        "8760673415": "-100", "8760673416": "66", "8760673417": "68", "8760673418": "88", "8760673419": "90",
        "8760673420": "91",
    ]
    /// Clearing transfer; the success account answers `80` for H2H instead of `00`.
    static let clearingTransfer: [String: String] = [
        "8760673466": "00", "8760673451": "LD", "8760673452": "NF", "8760673453": "TO", "8760673454": "-510",
        "8760673455": "90", "8760673456": "68", "8760673457": "91",
    ]

    /// The sandbox does not say what became of an ambiguous transfer; the simulator decides, so
    /// tests see both endings. After `TO` and `68` the bank did pay, but the remittance gateway
    /// records it late: the first status check answers `NF`, later ones `00`. After `-100`, `LD`,
    /// `91` and `89` it did not, and status answers `NF` for ever. Duitku documents no status
    /// answer meaning "never paid" (duitku.md §9), so the adapter cannot tell these apart: both
    /// stay unknown until a definite answer, or until the gateway's deadline puts them in review.
    static func executesDespite(_ code: String) -> Bool {
        code == "TO" || code == "68"
    }

    /// Codes after which the transfer certainly did not execute, answered again by status.
    static let definiteRefusals: Set<String> = ["-510", "NF", "90"]

    /// Banks Duitku connects host-to-host: BNI, BRI, Mandiri, Permata, CIMB [seed-004].
    static let h2hBanks: Set<String> = ["009", "002", "008", "013", "022"]

    /// Descriptions from the "Status Code" table.
    static func description(_ code: String) -> String {
        switch code {
        case "00": "Success"
        case "80": "Waiting for callback"
        case "EE": "General Error"
        case "TO": "Time Out"
        case "LD": "Link Down"
        case "NF": "Transaction has not recorded on Remittance gateway"
        case "-100": "Other Error"
        case "-120": "User not found"
        case "-141": "Amount transfer Invalid"
        case "-142": "Transaction Already Finished"
        case "-148": "Bank not support H2H"
        case "-191": "Wrong signature"
        case "-420": "Transfer not Found"
        case "-510": "Insufficient Fund"
        case "-920": "Limit Exceeded"
        case "-952": "Invalid Parameter"
        case "-960": "Timestamp is expired ( 5 minutes )"
        case "66": "Generic Error"
        case "68": "Time Out"
        case "88": "Bill Already Paid"
        case "89": "Link to host Down"
        case "90": "Invalid Beneficiary or Currency"
        case "91": "DB Problem"
        default: "Error"
        }
    }
}
