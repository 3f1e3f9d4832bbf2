import COpenSSL

/// Unpredictable bytes and identifiers from OpenSSL's CSPRNG.
public enum SecureRandom {
    // Crockford's base32 in lowercase: no i, l, o, u, so ids survive being read aloud or retyped.
    private static let identifierAlphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// `count` bytes from RAND_bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "negative byte count")
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            // A CSPRNG that cannot produce output is a system fault; carrying on would mint
            // guessable secrets.
            precondition(RAND_bytes(buffer.baseAddress, Int32(count)) == 1, "RAND_bytes failed")
            initialized = count
        }
    }

    /// A random identifier with a prefix: `prefix` + "_" + `length` chars of a Crockford-like
    /// lowercase base32 alphabet (e.g. "po_8k3m..."); 26 chars carry 130 bits of entropy.
    /// An empty prefix gives the characters alone, without the underscore.
    public static func identifier(prefix: String, length: Int = 26) -> String {
        precondition(length > 0, "identifier length must be positive")
        // 32 divides 256, so keeping the low five bits of each byte stays uniform.
        let random = bytes(length)
        let body = String(unsafeUninitializedCapacity: length) { output in
            for (index, byte) in random.enumerated() {
                output[index] = identifierAlphabet[Int(byte & 0x1f)]
            }
            return length
        }
        return prefix.isEmpty ? body : prefix + "_" + body
    }

    /// A random secret token for API keys and webhook secrets: unpadded url-safe base64 of
    /// `byteCount` random bytes, as `prefix` + "_" + base64 when a prefix is given.
    public static func token(prefix: String = "", byteCount: Int = 32) -> String {
        precondition(byteCount > 0, "token byte count must be positive")
        let body = Base64.encodeURLSafe(bytes(byteCount))
        return prefix.isEmpty ? body : prefix + "_" + body
    }
}
