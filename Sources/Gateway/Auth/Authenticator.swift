import Crypto
import HTTPServer
import Store
import Synchronization

/// Who is calling: the key's name and what it may do.
public struct Caller: Sendable, Equatable {
    public var keyID: Int64
    public var name: String
    public var scopes: Set<Scope>

    public func may(_ scope: Scope) -> Bool { scopes.contains(scope) }
}

/// Bearer API keys: looked up by SHA-256, compared in constant time, scoped and rate limited.
/// Verified keys are cached briefly so a request costs no database round trip for auth;
/// a revocation takes effect within `cacheSeconds`.
final class Authenticator: Sendable {
    struct Cached {
        var caller: Caller
        var keyHash: [UInt8]
        var expires: ContinuousClock.Instant
    }

    static let cacheSeconds = 5
    static let touchIntervalSeconds = 60

    let store: ApiKeyStore
    let limiter: RateLimiter
    private let cache = Mutex<[[UInt8]: Cached]>([:])
    private let touched = Mutex<[Int64: ContinuousClock.Instant]>([:])

    init(store: ApiKeyStore, limiter: RateLimiter) {
        self.store = store
        self.limiter = limiter
    }

    /// The caller, or a 401/403/429 problem.
    func authenticate(_ request: ServerRequest, requiring scope: Scope) async throws -> Caller {
        guard let header = request.headers["Authorization"], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else {
            throw Problem(.unauthorized, detail: "Send an API key as `Authorization: Bearer <key>`.")
        }
        let presented = String(header.dropFirst(7)).trimmingCharacters()
        let hash = Digest.sha256(presented)
        guard let caller = try await lookup(hash) else {
            throw Problem(.unauthorized, detail: "The API key is unknown or revoked.")
        }
        guard caller.may(scope) else {
            throw Problem(.forbidden, detail: "The API key `\(caller.name)` lacks the `\(scope.rawValue)` scope.")
        }
        if let wait = limiter.take(for: caller.keyID) {
            throw Problem(.rateLimited, detail: "The API key `\(caller.name)` is over its rate limit; retry in \(wait) s.",
                          headers: [("Retry-After", String(wait))])
        }
        noteUse(caller.keyID)
        return caller
    }

    private func lookup(_ hash: [UInt8]) async throws -> Caller? {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0[hash] }), cached.expires > now,
           ConstantTime.equals(cached.keyHash, hash) {
            return cached.caller
        }
        guard let record = try await store.active(keyHash: hash), ConstantTime.equals(record.keyHash, hash) else {
            cache.withLock { _ = $0.removeValue(forKey: hash) }
            return nil
        }
        let caller = Caller(keyID: record.id, name: record.name, scopes: Set(record.scopes.compactMap(Scope.init(rawValue:))))
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[hash] = Cached(caller: caller, keyHash: hash, expires: now + .seconds(Self.cacheSeconds))
        }
        return caller
    }

    /// Updates `last_used_at` at most once a minute per key, off the request path.
    private func noteUse(_ keyID: Int64) {
        let now = ContinuousClock.now
        let due = touched.withLock { touched -> Bool in
            if let last = touched[keyID], now - last < .seconds(Self.touchIntervalSeconds) { return false }
            touched[keyID] = now
            return true
        }
        guard due else { return }
        let store = store
        Task { try? await store.touch(ids: [keyID]) }
    }
}

extension String {
    func trimmingCharacters() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
