/// Where and as whom the adapter talks to DOKU's RDL disbursement API.
public struct DokuConfiguration: Sendable {
    /// Scheme, host and port only (`https://api-sandbox.doku.com`); the adapter appends
    /// `/sac-rdl/v1/rdl-disbursements` [seed-002].
    public var baseURL: String
    /// `Client-Id` from DOKU Back Office.
    public var clientID: String
    /// Secret key for the HMAC signatures (doku.md §1.2). Never logged.
    public var secretKey: String
    /// The RDL account the money leaves from (`source_account.account_id`, max 100).
    public var sourceAccountID: String
    /// `account_destination.address` is mandatory (max 50) but a beneficiary carries no address,
    /// so one configured city is sent for every payout [seed-002].
    public var destinationAddress: String

    /// A configuration; `baseURL` must not end with a path.
    public init(baseURL: String, clientID: String, secretKey: String, sourceAccountID: String,
                destinationAddress: String = "JAKARTA") {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.clientID = clientID
        self.secretKey = secretKey
        self.sourceAccountID = sourceAccountID
        self.destinationAddress = String(destinationAddress.prefix(50))
    }

    /// The disbursement path, which is also the signature's `Request-Target` (doku.md §1.2).
    static let disbursementPath = "/sac-rdl/v1/rdl-disbursements"
}
