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

    public init(payout: Payout, apiKeyID: Int64, idempotencyKey: String, requestHash: [UInt8], responseBody: [UInt8], actor: String) {
        self.payout = payout
        self.apiKeyID = apiKeyID
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.responseBody = responseBody
        self.actor = actor
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

    /// One transaction: idempotency key, payout, first event, outbox job, `hold` (the ledger's
    /// part) and a NOTIFY for dispatchers. A crash at any point leaves all or nothing.
    public func create(_ new: NewPayout, hold: @escaping @Sendable (PostgresConnection) throws -> Void) async throws -> CreateOutcome {
        do {
            return try await attemptCreate(new, hold: hold)
        } catch let error as PostgresError where error.sqlState == "23505" && error.constraint == "idempotency_keys_pkey" {
            // The first request with this key committed between our lock and our lookup
            // snapshot; it is done now, so a second look finds its answer.
            return try await attemptCreate(new, hold: hold)
        }
    }

    private func attemptCreate(_ new: NewPayout, hold: @escaping @Sendable (PostgresConnection) throws -> Void) async throws -> CreateOutcome {
        do {
            return try await pool.withTransaction { connection -> CreateOutcome in
                if let early = try Self.checkIdempotency(new, on: connection) { return early }
                guard try Self.insert(new, on: connection) else { throw Rollback(outcome: .duplicateReference) }
                try hold(connection)
                return .created
            }
        } catch let rollback as Rollback {
            return rollback.outcome
        }
    }

    /// Locks the key for this transaction and looks for an earlier answer.
    static func checkIdempotency(_ new: NewPayout, on connection: PostgresConnection) throws -> CreateOutcome? {
        let rows = try connection.query("""
            SELECT pg_try_advisory_xact_lock(hashtextextended($1::text || '/' || $2, 0)) AS locked,
                   k.request_hash, k.response_status, k.response_body
            FROM (SELECT 1) AS one
            LEFT JOIN idempotency_keys k ON k.api_key_id = $1::bigint AND k.key = $2
            """, [.integer(new.apiKeyID), .text(new.idempotencyKey)])
        let row = rows[0]
        guard try row.decode("locked", as: Bool.self) else { return .keyInProgress }
        guard let storedHash = try row.decode("request_hash", as: [UInt8]?.self) else { return nil }
        guard storedHash == new.requestHash else { return .keyReusedWithDifferentBody }
        return .replay(status: try row.decode("response_status"), body: try row.decode("response_body"))
    }

    /// Inserts payout, event, outbox job and key in one statement; false when the reference is taken.
    static func insert(_ new: NewPayout, on connection: PostgresConnection) throws -> Bool {
        let payout = new.payout
        let created = PostgresValue.integer(payout.createdAt.microsecondsSinceEpoch)
        let rows = try connection.query("""
            WITH p AS (
                INSERT INTO payouts (id, api_key_id, reference, status, amount, currency, bank, account_number,
                    account_name, email, phone, requested_clearing, requested_provider, clearing, provider,
                    description, metadata, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, 'IDR', $6, $7, $8, $9, $10, $11, $12, $11, $12, $13, $14::jsonb,
                    timestamptz 'epoch' + $15::bigint * interval '1 microsecond',
                    timestamptz 'epoch' + $15::bigint * interval '1 microsecond')
                ON CONFLICT (api_key_id, reference) DO NOTHING
                RETURNING id, created_at
            ), e AS (
                INSERT INTO payout_events (payout_id, status, actor, detail, created_at)
                SELECT id, $4, $16, 'accepted', created_at FROM p
            ), o AS (
                INSERT INTO outbox (payout_id, kind) SELECT id, 'dispatch' FROM p
            ), k AS (
                INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body)
                SELECT $2, $17, $18, 202, $19 FROM p
            )
            SELECT pg_notify('\(outboxChannel)', id) FROM p
            """, [
                .text(payout.id), .integer(new.apiKeyID), .text(payout.reference), .text(payout.status.rawValue),
                .integer(payout.amount.rupiah), .text(payout.beneficiary.bank.id), .text(payout.beneficiary.accountNumber),
                .text(payout.beneficiary.accountName), PostgresValue(payout.beneficiary.email), PostgresValue(payout.beneficiary.phone),
                .text(payout.clearing.rawValue), PostgresValue(payout.provider?.rawValue), PostgresValue(payout.description),
                .text(FlatJSON.encode(payout.metadata)), created, .text(new.actor), .text(new.idempotencyKey),
                .bytes(new.requestHash), .bytes(new.responseBody),
            ])
        return rows.count == 1
    }

    public func payout(id: String) async throws -> StoredPayout? {
        let directory = directory
        return try await pool.withConnection { connection in
            try connection.query("SELECT \(PayoutRecord.columns) FROM payouts WHERE id = $1", [.text(id)])
                .first.map { try PayoutRecord.payout($0, directory: directory) }
        }
    }
}

/// Ends a transaction early with an outcome rather than an error.
struct Rollback: Error {
    let outcome: CreateOutcome
}
