import COpenSSL

/// One-shot keyed message authentication codes (RFC 2104) over SHA-2.
public enum HMAC {
    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    public static func sha256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        mac(digest: "SHA256", length: 32, key: key, message: message)
    }

    /// The 32-byte HMAC-SHA256 of the UTF-8 `message` under the UTF-8 `key`.
    public static func sha256(key: String, message: String) -> [UInt8] {
        sha256(key: key.utf8, message: message.utf8)
    }

    /// The 64-byte HMAC-SHA512 of `message` under `key`.
    public static func sha512(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        mac(digest: "SHA512", length: 64, key: key, message: message)
    }

    /// The 64-byte HMAC-SHA512 of the UTF-8 `message` under the UTF-8 `key`.
    public static func sha512(key: String, message: String) -> [UInt8] {
        sha512(key: key.utf8, message: message.utf8)
    }

    // EVP_Q_mac rather than HMAC(): the latter belongs to the API OpenSSL 3 is retiring,
    // and EVP_Q_mac is the EVP_MAC one-shot that replaces it.
    private static func mac(
        digest: String, length: Int,
        key: some Collection<UInt8>, message: some Collection<UInt8>
    ) -> [UInt8] {
        key.withBytePointer { keyBytes, keyCount in
            message.withBytePointer { messageBytes, messageCount in
                [UInt8](unsafeUninitializedCapacity: length) { output, initialized in
                    var written = 0
                    let result = EVP_Q_mac(
                        nil, "HMAC", nil, digest, nil,
                        keyBytes, keyCount, messageBytes, messageCount,
                        output.baseAddress, length, &written)
                    // Only a broken OpenSSL install fails here: a system fault, not input.
                    precondition(result != nil && written == length, "EVP_Q_mac(HMAC-\(digest)) failed")
                    initialized = length
                }
            }
        }
    }
}
