/// What an API key may do. A key carries any set of these.
public enum Scope: String, Sendable, CaseIterable {
    case payoutsWrite = "payouts:write"
    case payoutsRead = "payouts:read"
    case payoutsApprove = "payouts:approve"
    case ledgerRead = "ledger:read"
    case admin

    /// Parses `payouts:write,payouts:read` (duplicates dropped); nil when empty or any name is unknown.
    static func parseList(_ text: String) -> [Scope]? {
        let names = text.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        var scopes: [Scope] = []
        for name in names {
            guard let scope = Scope(rawValue: name) else { return nil }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        return scopes.isEmpty ? nil : scopes
    }
}
