import COpenSSL

/// Comparison of secrets (signatures, tokens) that does not leak where they first differ.
public enum ConstantTime {
    /// Compares in time that depends only on the lengths, never on where the first difference is.
    /// Different lengths → false; lengths of signatures and tokens are not secret.
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withBytePointer { left, count in
            b.withBytePointer { right, _ in
                // CRYPTO_memcmp is written so compilers cannot turn it into an early-exit loop.
                CRYPTO_memcmp(left, right, count) == 0
            }
        }
    }

    /// Compares the UTF-8 bytes of two strings in constant time; no Unicode normalization.
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(a.utf8, b.utf8)
    }
}
