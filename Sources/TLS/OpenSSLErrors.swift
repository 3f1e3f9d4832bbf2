import COpenSSL

/// Reads OpenSSL's thread-local error queue, which every failing call leaves its reasons in.
enum OpenSSLErrors {
    /// Drains the queue into one line, oldest first; `fallback` when it was empty.
    static func drain(fallback: String) -> String {
        var lines: [String] = []
        while true {
            let code = ERR_get_error()
            guard code != 0 else { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            lines.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return lines.isEmpty ? fallback : lines.joined(separator: "; ")
    }

    /// The text of an X.509 verification result, e.g. "self-signed certificate".
    static func verifyText(_ result: Int) -> String {
        guard let text = X509_verify_cert_error_string(result) else { return "verify error \(result)" }
        return String(cString: text)
    }
}
