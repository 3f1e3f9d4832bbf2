/// Which certificate authorities a client trusts. Peer and host-name verification are always
/// on: there is deliberately no setting that turns them off, so tests trust a throw-away CA instead.
public struct TLSConfiguration: Sendable, Equatable {
    /// Where trusted root certificates come from.
    public enum Trust: Sendable, Equatable {
        /// The operating system's store (OpenSSL's default paths, e.g. /etc/ssl/certs).
        case systemStore
        /// Only the certificates in this PEM file, instead of the system store.
        case caFile(path: String)
        /// Only the certificates in this PEM text, instead of the system store.
        case caPEM(String)
    }

    /// The trust anchors used to verify servers.
    public var trust: Trust

    /// A configuration trusting `trust`; TLS 1.2 is the oldest version offered (RFC 8996
    /// deprecates 1.0 and 1.1).
    public init(trust: Trust) {
        self.trust = trust
    }

    /// The system's trust store: what production uses.
    public static let systemDefault = TLSConfiguration(trust: .systemStore)
}
