import Postgres

/// The `Idempotency-Key` of one request, as `idempotency_keys` keeps it.
public struct IdempotencyClaim: Sendable {
    public var apiKeyID: Int64
    public var key: String
    /// SHA-256 of what makes the request "the same" (method, path, body).
    public var requestHash: [UInt8]

    public init(apiKeyID: Int64, key: String, requestHash: [UInt8]) {
        self.apiKeyID = apiKeyID
        self.key = key
        self.requestHash = requestHash
    }
}

/// What an idempotent write came to.
public enum IdempotentOutcome<Value: Sendable>: Sendable {
    /// The write happened now; its answer is stored for replays.
    case done(Value, body: [UInt8])
    /// The write refused (a not-found, a conflict): nothing stored, the key stays unused.
    case refused(Value)
    /// The key was used before with the same request: answer exactly as then.
    case replay(status: Int, body: [UInt8])
    case keyReusedWithDifferentBody
    /// Another request with the key holds it right now.
    case keyInProgress
}

/// What a key already answered, found without writing.
public enum EarlierAnswer: Sendable, Equatable {
    case replay(status: Int, body: [UInt8])
    case differentRequest
    /// Another request holds the key right now: its answer is not known yet.
    case inProgress
}

extension PostgresPool {
    /// The stored answer to `claim`'s key, if it has one. For requests refused before any write:
    /// validating and routing may refuse today what they accepted before (a provider's health,
    /// the time, the configuration changed), and a retry must still get its first answer. The
    /// key's lock is tried first: a retry arriving while the first request is still writing
    /// would find nothing stored yet, and must hear "in progress", not a refusal the first
    /// request's outcome may contradict.
    func earlierAnswer(_ claim: IdempotencyClaim) async throws -> EarlierAnswer? {
        try await withTransaction { connection in
            guard try IdempotentWrite.lock(claim, on: connection) else { return .inProgress }
            return try IdempotentWrite.earlierAnswer(claim, on: connection)
        }
    }
}

/// The same contract as `payout_create` (advisory lock on api key and key, look up, write,
/// store the answer), for writes done in Swift inside one transaction.
enum IdempotentWrite {
    /// Takes the key's transaction lock (the one `payout_create` takes) unless another request
    /// holds it.
    static func lock(_ claim: IdempotencyClaim, on connection: PostgresConnection) throws -> Bool {
        try connection.query("SELECT pg_try_advisory_xact_lock(hashtextextended($1::bigint::text || '/' || $2, 0))",
                             [.integer(claim.apiKeyID), .text(claim.key)])[0].decode(0)
    }

    /// What `claim`'s key answered before, if anything.
    static func earlierAnswer(_ claim: IdempotencyClaim, on connection: PostgresConnection) throws -> EarlierAnswer? {
        guard let earlier = try connection.query("""
            SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE api_key_id = $1::bigint AND key = $2
            """, [.integer(claim.apiKeyID), .text(claim.key)]).first else { return nil }
        let hash: [UInt8] = try earlier.decode("request_hash")
        guard hash == claim.requestHash else { return .differentRequest }
        return .replay(status: try earlier.decode("response_status"), body: try earlier.decode("response_body"))
    }

    /// Runs `write` in the transaction of `connection` unless the key decides otherwise. `write`
    /// returns the value, and the answer to store (status, body) or nil when it refused.
    static func run<Value: Sendable>(_ claim: IdempotencyClaim, on connection: PostgresConnection,
                                     _ write: (PostgresConnection) throws -> (Value, answer: (status: Int, body: [UInt8])?))
        throws -> IdempotentOutcome<Value> {
        let parameters: [PostgresValue] = [.integer(claim.apiKeyID), .text(claim.key)]
        guard try lock(claim, on: connection) else { return .keyInProgress }
        // A fresh statement after the lock sees a key committed by the request that held it.
        switch try earlierAnswer(claim, on: connection) {
        case .replay(let status, let body): return .replay(status: status, body: body)
        case .differentRequest: return .keyReusedWithDifferentBody
        case .inProgress: return .keyInProgress  // not from a lookup under the lock we hold
        case nil: break
        }
        let (value, answer) = try write(connection)
        guard let answer else { return .refused(value) }
        try connection.execute("""
            INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body)
            VALUES ($1::bigint, $2, $3, $4::int, $5)
            """, parameters + [.bytes(claim.requestHash), .integer(Int64(answer.status)), .bytes(answer.body)])
        return .done(value, body: answer.body)
    }
}
