import Payouts

/// Provider credentials from the environment. A provider is enabled when its variables are
/// set; setting only some of them is an error naming the missing ones.
public struct ProviderSettings: Sendable {
    public struct Duitku: Sendable { public var baseURL: String; public var userID: Int; public var email: String; public var secretKey: String; public var isSandbox: Bool }
    public struct Durianpay: Sendable { public var baseURL: String; public var secretKey: String }
    public struct Doku: Sendable { public var baseURL: String; public var clientID: String; public var secretKey: String; public var sourceAccountID: String }
    public struct SingaPay: Sendable { public var baseURL: String; public var partnerID: String; public var clientID: String; public var clientSecret: String; public var accountID: String }

    public var duitku: Duitku?
    public var durianpay: Durianpay?
    public var doku: Doku?
    public var singapay: SingaPay?

    /// The providers with credentials.
    public var enabled: Set<ProviderName> {
        var names: Set<ProviderName> = []
        if duitku != nil { names.insert(.duitku) }
        if durianpay != nil { names.insert(.durianpay) }
        if doku != nil { names.insert(.doku) }
        if singapay != nil { names.insert(.singapay) }
        return names
    }

    static func read(_ reader: inout EnvironmentReader) -> ProviderSettings {
        var settings = ProviderSettings()
        if let values = reader.group("DUITKU", ["BASE_URL", "USER_ID", "EMAIL", "SECRET_KEY"]) {
            if let userID = Int(values[1]), userID > 0 {
                settings.duitku = Duitku(baseURL: values[0], userID: userID, email: values[2], secretKey: values[3],
                                         isSandbox: reader.flag("DUITKU_SANDBOX"))
            } else {
                reader.problems.append("DUITKU_USER_ID must be a positive whole number (Duitku's userId)")
            }
        }
        if let values = reader.group("DURIANPAY", ["BASE_URL", "SECRET_KEY"]) {
            settings.durianpay = Durianpay(baseURL: values[0], secretKey: values[1])
        }
        if let values = reader.group("DOKU", ["BASE_URL", "CLIENT_ID", "SECRET_KEY", "SOURCE_ACCOUNT_ID"]) {
            settings.doku = Doku(baseURL: values[0], clientID: values[1], secretKey: values[2], sourceAccountID: values[3])
        }
        if let values = reader.group("SINGAPAY", ["BASE_URL", "PARTNER_ID", "CLIENT_ID", "CLIENT_SECRET", "ACCOUNT_ID"]) {
            settings.singapay = SingaPay(baseURL: values[0], partnerID: values[1], clientID: values[2],
                                         clientSecret: values[3], accountID: values[4])
        }
        return settings
    }
}

extension EnvironmentReader {
    /// All of `PREFIX_NAME` for `names`, or nil when none is set; some but not all is a problem.
    /// A `*_BASE_URL` must be a scheme, host and port only: the adapters append the paths.
    mutating func group(_ prefix: String, _ names: [String]) -> [String]? {
        let keys = names.map { "\(prefix)_\($0)" }
        let values = keys.map { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
        guard values.contains(where: { $0 != nil }) else { return nil }
        let missing = zip(keys, values).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            problems.append("\(prefix) is partly configured: also set \(missing.joined(separator: ", "))")
            return nil
        }
        let found = values.compactMap { $0 }
        if !Self.isOrigin(found[0]) {
            problems.append("\(keys[0])=\(Self.shown(found[0])) must be a scheme, host and port only, such as https://api.example.com or http://127.0.0.1:9101")
            return nil
        }
        return found
    }

    /// A yes/no setting; unset is no. A value that is neither is a problem, not a silent no.
    mutating func flag(_ name: String) -> Bool {
        let raw = environment[name] ?? ""
        switch raw.lowercased() {
        case "1", "true", "yes": return true
        case "", "0", "false", "no": return false
        default:
            problems.append("\(name)=\(raw) is not one of true, false (or 1, 0, yes, no)")
            return false
        }
    }

    /// A URL as a problem may quote it: one with user information (`user:secret@`) is not quoted.
    static func shown(_ url: String) -> String {
        url.contains("@") ? "(a URL with user information, not shown)" : url
    }

    static func isOrigin(_ url: String) -> Bool {
        let rest: Substring
        if url.hasPrefix("https://") { rest = url.dropFirst(8) } else if url.hasPrefix("http://") { rest = url.dropFirst(7) } else { return false }
        let trimmed = rest.hasSuffix("/") ? rest.dropLast() : rest
        return !trimmed.isEmpty && !trimmed.contains("/") && !trimmed.contains("?") && !trimmed.contains("@") && !trimmed.contains(" ")
    }
}
