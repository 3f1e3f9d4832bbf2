import Crypto
import Postgres
import Store

/// `payout-gateway keys create --name NAME --scopes a,b`, `keys list`, `keys revoke NAME`.
enum KeysCommand {
    static let usage = """
        usage: payout-gateway keys create --name NAME --scopes payouts:write,payouts:read
               payout-gateway keys list
               payout-gateway keys revoke NAME
        scopes: \(Scope.allCases.map(\.rawValue).joined(separator: ", "))
        """

    /// A new key: shown once, stored only as its SHA-256.
    static func newKey() -> String { SecureRandom.token(prefix: "pgk", byteCount: 32) }

    static func run(_ arguments: [String], store: ApiKeyStore) async throws -> Int32 {
        switch arguments.first {
        case "create":
            guard let name = option("--name", in: arguments), !name.isEmpty, name.count <= 100 else {
                return fail("keys create needs --name (1 to 100 characters)")
            }
            guard let list = option("--scopes", in: arguments), let scopes = Scope.parseList(list) else {
                return fail("keys create needs --scopes, a comma-separated list of known scopes")
            }
            let key = newKey()
            do {
                _ = try await store.create(name: name, keyHash: Digest.sha256(key), scopes: scopes.map(\.rawValue))
            } catch ApiKeyStoreError.duplicateName {
                return fail("a key named '\(name)' exists already")
            }
            // Alone on standard output, so `KEY=$(payout-gateway keys create …)` captures it.
            print(key)
            return 0
        case "list":
            print("name\tscopes\tcreated_at\tlast_used_at\trevoked_at")
            for record in try await store.list() {
                print([record.name, record.scopes.joined(separator: ","), record.createdAt,
                       record.lastUsedAt ?? "-", record.revokedAt ?? "-"].joined(separator: "\t"))
            }
            return 0
        case "revoke":
            guard arguments.count == 2 else { return fail("keys revoke needs the key's name") }
            guard try await store.revoke(name: arguments[1]) else { return fail("no active key named '\(arguments[1])'") }
            StandardError.write("revoked \(arguments[1])\n")
            return 0
        default:
            return fail("unknown keys command")
        }
    }

    static func option(_ name: String, in arguments: [String]) -> String? {
        if let index = arguments.firstIndex(of: name), index + 1 < arguments.count { return arguments[index + 1] }
        return arguments.first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    static func fail(_ message: String) -> Int32 {
        StandardError.write("\(message)\n\(usage)\n")
        return 64
    }
}
