import COpenSSL

/// One-shot message digests (SHA-2 family) through OpenSSL's EVP interface.
public enum Digest {
    /// The 32-byte SHA-256 digest of `bytes`.
    public static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        digest(bytes, algorithm: EVP_sha256(), length: 32)
    }

    /// The 32-byte SHA-256 digest of the UTF-8 encoding of `string`.
    public static func sha256(_ string: String) -> [UInt8] {
        sha256(string.utf8)
    }

    /// The 64-byte SHA-512 digest of `bytes`.
    public static func sha512(_ bytes: some Collection<UInt8>) -> [UInt8] {
        digest(bytes, algorithm: EVP_sha512(), length: 64)
    }

    /// The 64-byte SHA-512 digest of the UTF-8 encoding of `string`.
    public static func sha512(_ string: String) -> [UInt8] {
        sha512(string.utf8)
    }

    private static func digest(
        _ bytes: some Collection<UInt8>, algorithm: OpaquePointer?, length: Int
    ) -> [UInt8] {
        bytes.withBytePointer { data, count in
            [UInt8](unsafeUninitializedCapacity: length) { output, initialized in
                var written: UInt32 = 0
                let status = EVP_Digest(data, count, output.baseAddress, &written, algorithm, nil)
                // Hashing in memory only fails if OpenSSL itself is broken: a system fault.
                precondition(status == 1 && Int(written) == length, "EVP_Digest failed")
                initialized = length
            }
        }
    }
}
