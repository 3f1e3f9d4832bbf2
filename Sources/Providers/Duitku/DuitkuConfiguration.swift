/// Where and as whom the adapter talks to Duitku's disbursement API.
public struct DuitkuConfiguration: Sendable {
    /// Scheme, host and port only (`https://sandbox.duitku.com`); the adapter appends the
    /// documented paths (`/webapi/api/disbursement/...`) [seed-004], duitku.md §2.
    public var baseURL: String
    /// Merchant id (`userId`), sent in every body.
    public var userID: Int
    /// Registered e-mail; the first field of every signature (duitku.md §1).
    public var email: String
    /// Secret key; the last field of every signature. Never logged.
    public var secretKey: String
    /// Sandbox uses different path names for inquiry and transfer (`inquirysandbox`) [seed-004].
    public var isSandbox: Bool

    /// A configuration; `baseURL` must not end with a path.
    public init(baseURL: String, userID: Int, email: String, secretKey: String, isSandbox: Bool) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.userID = userID
        self.email = email
        self.secretKey = secretKey
        self.isSandbox = isSandbox
    }

    /// The full URL of one endpoint.
    func url(_ endpoint: DuitkuEndpoint) -> String {
        baseURL + "/webapi/api/disbursement/" + endpoint.pathName(sandbox: isSandbox)
    }
}

/// Duitku's disbursement endpoints (duitku.md §2 table).
enum DuitkuEndpoint {
    case inquiry, transfer, clearingInquiry, clearingTransfer, inquiryStatus, checkBalance, listBank

    /// Only the inquiry and transfer calls change name in the sandbox [seed-004].
    func pathName(sandbox: Bool) -> String {
        let suffix = sandbox ? "sandbox" : ""
        switch self {
        case .inquiry: return "inquiry" + suffix
        case .transfer: return "transfer" + suffix
        case .clearingInquiry: return "inquiryclearing" + suffix
        case .clearingTransfer: return "transferclearing" + suffix
        case .inquiryStatus: return "inquirystatus"
        case .checkBalance: return "checkbalance"
        case .listBank: return "listBank"
        }
    }
}
