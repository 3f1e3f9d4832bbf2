import Payouts
import Postgres

/// Everything the create-payout transaction writes besides the ledger hold.
public struct NewPayout: Sendable {
    public var payout: Payout
    public var apiKeyID: Int64
    public var idempotencyKey: String
    /// SHA-256 of the request body: the same key with another body is refused.
    public var requestHash: [UInt8]
    /// The answer to store for replays (status 202).
    public var responseBody: [UInt8]
    /// Who asked, for the audit trail (the API key's name).
    public var actor: String
    /// The routing decision taken when the payout was accepted (JSON), kept to explain it later.
    public var routingJSON: String?

    public init(payout: Payout, apiKeyID: Int64, idempotencyKey: String, requestHash: [UInt8], responseBody: [UInt8],
                actor: String, routingJSON: String? = nil) {
        self.payout = payout
        self.apiKeyID = apiKeyID
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.responseBody = responseBody
        self.actor = actor
        self.routingJSON = routingJSON
    }
}

/// What a create came to.
public enum CreateOutcome: Sendable, Equatable {
    case created
    /// The key was used before with the same body: answer exactly as then.
    case replay(status: Int, body: [UInt8])
    /// The key was used before with a different body.
    case keyReusedWithDifferentBody
    /// Another request with the key is being processed right now.
    case keyInProgress
    /// The reference is taken by another payout of this API key.
    case duplicateReference
}

/// Payout rows, their events, idempotency keys and outbox jobs.
public struct PayoutStore: Sendable {
    public static let outboxChannel = "payouts_outbox"
    let pool: PostgresPool
    let directory: BankDirectory

    public init(pool: PostgresPool, directory: BankDirectory = .standard) {
        self.pool = pool
        self.directory = directory
    }

    /// One round trip and one commit (the `payout_create` SQL function): idempotency key,
    /// payout, first event, outbox job, the ledger hold under `holdJournalID`, and a NOTIFY
    /// for dispatchers. A crash at any point leaves all or nothing.
    public func create(_ new: NewPayout, holdJournalID: String) async throws -> CreateOutcome {
        let (sql, parameters) = Self.createStatement(new, holdJournalID: holdJournalID)
        let row = try await pool.withConnection { try $0.query(sql, parameters)[0] }
        switch try row.decode("outcome", as: String.self) {
        case "created": return .created
        case "replay": return .replay(status: try row.decode("response_status"), body: try row.decode("response_body"))
        case "key_reused": return .keyReusedWithDifferentBody
        case "in_progress": return .keyInProgress
        case "duplicate_reference": return .duplicateReference
        case let other: throw StoreError.corruptRow(table: "payout_create", id: other)
        }
    }

    static func createStatement(_ new: NewPayout, holdJournalID: String) -> (String, [PostgresValue]) {
        let payout = new.payout
        let parameters: [PostgresValue] = [
            .text(payout.id), .integer(new.apiKeyID), .text(new.idempotencyKey), .bytes(new.requestHash),
            .bytes(new.responseBody), .text(payout.reference), .text(payout.status.rawValue), .integer(payout.amount.rupiah),
            .text(payout.beneficiary.bank.id), .text(payout.beneficiary.accountNumber), .text(payout.beneficiary.accountName),
            PostgresValue(payout.beneficiary.email), PostgresValue(payout.beneficiary.phone), .text(payout.clearing.rawValue),
            PostgresValue(payout.provider?.rawValue), PostgresValue(payout.description), .text(FlatJSON.encode(payout.metadata)),
            .integer(payout.createdAt.microsecondsSinceEpoch), .text(new.actor), .text(holdJournalID),
            PostgresValue(new.routingJSON), PostgresValue(payout.scheduledFor?.microsecondsSinceEpoch),
            .boolean(payout.validatesAccount), .boolean(payout.executesImmediately),
        ]
        // The stored answer comes back only for a replay: a new payout's is the one just sent.
        return ("""
            SELECT outcome, response_status, CASE WHEN outcome = 'replay' THEN response_body END AS response_body
            FROM payout_create($1, $2::bigint, $3, $4, $5, $6, $7,
                $8::bigint, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18::bigint, $19, $20, $21::json, $22::bigint,
                $23::boolean, $24::boolean)
            """, parameters)
    }

    /// The stored answer to a create's key, for a create refused before writing (see `PostgresPool.earlierAnswer`).
    public func earlierAnswer(_ claim: IdempotencyClaim) async throws -> EarlierAnswer? {
        try await pool.earlierAnswer(claim)
    }

    public func payout(id: String) async throws -> StoredPayout? {
        let directory = directory
        return try await pool.withConnection { connection in
            try connection.query("SELECT \(PayoutRecord.columns) FROM payouts WHERE id = $1", [.text(id)])
                .first.map { try PayoutRecord.payout($0, directory: directory) }
        }
    }
}
