import Crypto
import HTTPServer

/// The `Idempotency-Key` request header (draft-ietf-httpapi-idempotency-key-header).
enum IdempotencyKey {
    static let header = "Idempotency-Key"
    static let lengthMax = 255

    /// The key, required on every POST: 1 to 255 visible ASCII characters.
    static func require(_ request: ServerRequest) throws -> String {
        guard let key = request.headers[header], !key.isEmpty else {
            throw Problem(.idempotencyKeyMissing, detail: "Send an `Idempotency-Key` header (1 to \(lengthMax) visible ASCII characters) with every POST.")
        }
        guard key.utf8.count <= lengthMax, key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw Problem(.idempotencyKeyMissing, detail: "The `Idempotency-Key` must be 1 to \(lengthMax) visible ASCII characters.")
        }
        return key
    }

    /// What "the same request" means: method, path and the exact body bytes.
    static func hash(_ request: ServerRequest) -> [UInt8] {
        Digest.sha256(Array("\(request.method.rawValue) \(request.path)\n".utf8) + request.body)
    }
}
