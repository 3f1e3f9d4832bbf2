import COpenSSL

/// An OpenSSL client context (`SSL_CTX`), configured once and shared by every connection.
///
/// `@unchecked Sendable`: OpenSSL allows one `SSL_CTX` to be used from many threads at once as
/// long as nobody changes it, and after `init` nothing does.
public final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    /// A client context: TLS 1.2 or later, peer verification on, trusting `configuration.trust`.
    public init(configuration: TLSConfiguration) throws(TLSError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TLSError(.configuration, OpenSSLErrors.drain(fallback: "SSL_CTX_new failed"))
        }
        pointer = context
        // SSL_CTX_set_min_proto_version is a macro; this is its expansion.
        guard SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil) == 1 else {
            throw TLSError(.configuration, OpenSSLErrors.drain(fallback: "cannot require TLS 1.2"))
        }
        // Renegotiation has a history of attacks and nothing here needs it.
        // SSL_OP_NO_RENEGOTIATION is SSL_OP_BIT(30), a macro Swift cannot import.
        SSL_CTX_set_options(context, UInt64(1) << 30)
        // Without a callback, a chain that does not verify ends the handshake.
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        try loadTrust(configuration.trust)
    }

    deinit { SSL_CTX_free(pointer) }

    private func loadTrust(_ trust: TLSConfiguration.Trust) throws(TLSError) {
        switch trust {
        case .systemStore:
            guard SSL_CTX_set_default_verify_paths(pointer) == 1 else {
                throw TLSError(.configuration, OpenSSLErrors.drain(fallback: "cannot load the system trust store"))
            }
        case .caFile(let path):
            guard SSL_CTX_load_verify_locations(pointer, path, nil) == 1 else {
                throw TLSError(.configuration, OpenSSLErrors.drain(fallback: "cannot load CA file \(path)"))
            }
        case .caPEM(let pem):
            try loadPEM(pem)
        }
    }

    /// Adds every certificate in `pem` to the context's store.
    private func loadPEM(_ pem: String) throws(TLSError) {
        let bytes = Array(pem.utf8)
        let store = SSL_CTX_get_cert_store(pointer)
        var added = 0
        bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return }
            defer { BIO_free(bio) }
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                if X509_STORE_add_cert(store, certificate) == 1 { added += 1 }
                X509_free(certificate)
            }
        }
        // Reading stops with a "no start line" error at the end of the text: expected.
        ERR_clear_error()
        guard added > 0 else { throw TLSError(.configuration, "no certificate in the CA PEM") }
    }
}
