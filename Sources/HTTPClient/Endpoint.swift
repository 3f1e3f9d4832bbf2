/// Where a request goes: scheme, host and port, the key connections are pooled under.
struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    let isSecure: Bool
    /// Lowercased; an IPv6 literal without its brackets.
    let host: String
    let port: Int

    /// The `Host` field value: the port is omitted when it is the scheme's default (RFC 9110 §7.2).
    var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
    }

    var description: String { "\(isSecure ? "https" : "http")://\(authority)" }

    /// Splits an absolute `http`/`https` URL into its endpoint and origin-form target
    /// (RFC 9112 §3.2.1). A fragment is dropped (RFC 9110 §7.1); userinfo is refused, since
    /// credentials in URLs end up in logs.
    static func parse(_ url: String) -> (endpoint: Endpoint, target: String)? {
        let lower = url.lowercased()
        let isSecure: Bool
        let rest: Substring
        if lower.hasPrefix("https://") {
            isSecure = true
            rest = url.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            isSecure = false
            rest = url.dropFirst(7)
        } else {
            return nil
        }
        let withoutFragment = rest.prefix { $0 != "#" }
        let authorityEnd = withoutFragment.firstIndex { $0 == "/" || $0 == "?" } ?? withoutFragment.endIndex
        let authority = withoutFragment[..<authorityEnd]
        var target = String(withoutFragment[authorityEnd...])
        if target.isEmpty || target.first == "?" { target = "/" + target }
        guard !authority.contains("@"), let (host, port) = splitAuthority(authority, isSecure: isSecure) else {
            return nil
        }
        return (Endpoint(isSecure: isSecure, host: host.lowercased(), port: port), target)
    }

    /// `host [ ":" port ]` with `[v6]` literals (RFC 3986 §3.2.2).
    private static func splitAuthority(_ authority: Substring, isSecure: Bool) -> (Substring, Int)? {
        var host = authority
        var portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty, host.unicodeScalars.allSatisfy(isHostCharacter) else { return nil }
        guard let portText else { return (host, isSecure ? 443 : 80) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCII),
              let port = Int(portText), (1...65535).contains(port) else { return nil }
        return (host, port)
    }

    /// Letters, digits, `-`, `.`, and `:` for IPv6; anything else has no place in a host we dial.
    private static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", ":", "_": true
        default: false
        }
    }
}
