import Crypto
import Payouts

/// DOKU's non-SNAP signature (doku.md §1.2–§1.5): `HMACSHA256=` + base64 HMAC-SHA256, keyed with
/// the secret, over `Name:value` lines joined by LF without a trailing newline: Client-Id,
/// Request-Id, Request-Timestamp (Response-Timestamp for DOKU's answers), Request-Target and,
/// when there is a body, Digest = base64 SHA-256 of the exact body bytes.
public struct DokuSigner: Sendable {
    let clientID: String
    let secretKey: String

    /// A signer for one client.
    public init(clientID: String, secretKey: String) {
        self.clientID = clientID
        self.secretKey = secretKey
    }

    /// base64(SHA-256(body)) (doku.md §1.2 step 1).
    public static func digest(_ body: [UInt8]) -> String {
        Base64.encode(Digest.sha256(body))
    }

    /// The component string; `body` nil leaves out the Digest line (GET, doku.md §1.2).
    public func components(requestID: String, timestampName: String = "Request-Timestamp", timestamp: String,
                           target: String, body: [UInt8]?) -> String {
        var lines = ["Client-Id:\(clientID)", "Request-Id:\(requestID)", "\(timestampName):\(timestamp)",
                     "Request-Target:\(target)"]
        if let body { lines.append("Digest:\(Self.digest(body))") }
        return lines.joined(separator: "\n")
    }

    /// The `Signature` header of a request we send, or of a notification DOKU sends us (whose
    /// target is the path of our notification URL, doku.md §1.5).
    public func requestSignature(requestID: String, timestamp: String, target: String, body: [UInt8]?) -> String {
        sign(components(requestID: requestID, timestamp: timestamp, target: target, body: body))
    }

    /// The `Signature` header DOKU puts on its answer (doku.md §1.4).
    public func responseSignature(requestID: String, timestamp: String, target: String, body: [UInt8]) -> String {
        sign(components(requestID: requestID, timestampName: "Response-Timestamp", timestamp: timestamp,
                        target: target, body: body))
    }

    /// Whether `header` is the signature expected for `components`, compared in constant time.
    public func matches(_ header: String?, _ expected: String) -> Bool {
        guard let header else { return false }
        return ConstantTime.equals(header, expected)
    }

    private func sign(_ components: String) -> String {
        "HMACSHA256=" + Base64.encode(HMAC.sha256(key: secretKey, message: components))
    }

    /// `Request-Timestamp`: ISO 8601 in UTC with `Z`, whole seconds (doku.md §1.1).
    public static func timestamp(milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civilDate(daysSinceEpoch: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):"
            + "\(two(secondOfDay % 60))Z"
    }
}
