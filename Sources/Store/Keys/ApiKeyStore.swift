import Postgres

/// An API key as stored: never the key itself, only its SHA-256.
public struct ApiKeyRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var scopes: [String]
    public var keyHash: [UInt8]
    /// RFC 3339 UTC timestamps.
    public var createdAt: String
    public var lastUsedAt: String?
    public var revokedAt: String?
}

/// What can go wrong storing keys that a caller may want to tell apart.
public enum ApiKeyStoreError: Error, Equatable {
    case duplicateName(String)
}

/// API keys in the `api_keys` table.
public struct ApiKeyStore: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    static let columns = """
        id, name, array_to_string(scopes, ',') AS scopes, key_hash,
        \(SQLTime.text("created_at")) AS created_at, \(SQLTime.text("last_used_at")) AS last_used_at,
        \(SQLTime.text("revoked_at")) AS revoked_at
        """

    public func create(name: String, keyHash: [UInt8], scopes: [String]) async throws -> ApiKeyRecord {
        do {
            return try await pool.withConnection { connection in
                let rows = try connection.query("""
                    INSERT INTO api_keys (name, key_hash, scopes) VALUES ($1, $2, string_to_array($3, ','))
                    RETURNING \(Self.columns)
                    """, [.text(name), .bytes(keyHash), .text(scopes.joined(separator: ","))])
                return try Self.record(rows[0])
            }
        } catch let error as PostgresError where error.sqlState == "23505" && error.constraint == "api_keys_name_key" {
            throw ApiKeyStoreError.duplicateName(name)
        }
    }

    public func list() async throws -> [ApiKeyRecord] {
        try await pool.withConnection { connection in
            try connection.query("SELECT \(Self.columns) FROM api_keys ORDER BY name").map(Self.record)
        }
    }

    /// Marks the key revoked; false when no active key has that name.
    public func revoke(name: String) async throws -> Bool {
        try await pool.withConnection { connection in
            try connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL", [.text(name)]) == 1
        }
    }

    /// The active key with this hash, if any.
    public func active(keyHash: [UInt8]) async throws -> ApiKeyRecord? {
        try await pool.withConnection { connection in
            try connection.query("SELECT \(Self.columns) FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL",
                                 [.bytes(keyHash)]).first.map(Self.record)
        }
    }

    /// Records use of these keys now (callers batch this; it is bookkeeping, not auth).
    public func touch(ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await pool.withConnection { connection in
            try connection.execute("UPDATE api_keys SET last_used_at = now() WHERE id = ANY(string_to_array($1, ',')::bigint[])",
                                   [.text(ids.map(String.init).joined(separator: ","))])
        }
    }

    static func record(_ row: PostgresRow) throws -> ApiKeyRecord {
        let scopes: String = try row.decode("scopes")
        return ApiKeyRecord(id: try row.decode("id"), name: try row.decode("name"),
                            scopes: scopes.isEmpty ? [] : scopes.split(separator: ",").map(String.init),
                            keyHash: try row.decode("key_hash"), createdAt: try row.decode("created_at"),
                            lastUsedAt: try row.decode("last_used_at"), revokedAt: try row.decode("revoked_at"))
    }
}
