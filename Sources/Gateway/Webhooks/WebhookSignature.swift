import Crypto

/// `Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. The key is
/// the signing secret's UTF-8 bytes as given (prefix included). Signing the time with the body
/// lets a receiver refuse a captured request replayed later.
public enum WebhookSignature {
    /// Receivers should refuse timestamps further than this from their clock.
    public static let toleranceSeconds: Int64 = 300

    /// The header value for `body` sent at `unixSeconds`.
    public static func header(body: [UInt8], secret: String, unixSeconds: Int64) -> String {
        "t=\(unixSeconds),v1=" + Hex.encode(mac(body: body, secret: secret, unixSeconds: unixSeconds))
    }

    /// Whether `header` signs `body` with `secret` at a time within `tolerance` seconds of `now`.
    /// Every `v1` is tried (several appear while a secret is rotated); the comparison takes the
    /// same time wherever the first differing byte is.
    public static func verify(header: String, body: [UInt8], secret: String, nowUnixSeconds: Int64,
                              toleranceSeconds: Int64 = toleranceSeconds) -> Bool {
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmedOfSpaces() }
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "t": timestamp = Int64(pair[1])
            case "v1": if let bytes = Hex.decode(pair[1]), bytes.count == 32 { signatures.append(bytes) }
            default: continue
            }
        }
        guard let timestamp, !signatures.isEmpty else { return false }
        // A forged t near Int64.min or max must not trap.
        let (age, overflowed) = nowUnixSeconds.subtractingReportingOverflow(timestamp)
        guard !overflowed, age.magnitude <= toleranceSeconds.magnitude else { return false }
        let expected = mac(body: body, secret: secret, unixSeconds: timestamp)
        var matched = false
        for signature in signatures where ConstantTime.equals(signature, expected) { matched = true }
        return matched
    }

    static func mac(body: [UInt8], secret: String, unixSeconds: Int64) -> [UInt8] {
        HMAC.sha256(key: Array(secret.utf8), message: Array("\(unixSeconds).".utf8) + body)
    }
}

extension Substring {
    fileprivate func trimmedOfSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
