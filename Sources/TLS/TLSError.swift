/// A TLS failure, with OpenSSL's own explanation and, when a certificate was refused, the
/// verification result (e.g. "certificate verify failed: hostname mismatch").
public struct TLSError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, coarsely; `message` has the detail.
    public enum Kind: Sendable, Equatable {
        /// The context could not be built (bad CA file or PEM).
        case configuration
        /// The peer's certificate chain or name did not verify.
        case certificateRejected
        /// The handshake failed for another reason (protocol, cipher, alert).
        case handshakeFailed
        /// A deadline passed while waiting for the peer.
        case timedOut
        /// The peer closed or reset the connection.
        case connectionClosed
        /// A protocol or system error after the handshake.
        case failed
    }

    /// The kind of failure.
    public let kind: Kind
    /// OpenSSL's error text, or ours when OpenSSL had none.
    public let message: String
    /// The X.509 verification result (`X509_V_ERR_*`) when the certificate was refused.
    public let verifyResult: Int?

    /// An error of `kind` described by `message`.
    public init(_ kind: Kind, _ message: String, verifyResult: Int? = nil) {
        self.kind = kind
        self.message = message
        self.verifyResult = verifyResult
    }

    /// The kind and message; certificates and keys never appear in it.
    public var description: String { "TLS \(kind): \(message)" }
}
