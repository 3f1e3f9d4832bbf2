/// Parses libpq's URI form, `postgresql://[user[:password]@][host][:port][,...][/dbname][?key=value&...]`,
/// into connection keywords (PostgreSQL docs, libpq §34.1.1.2).
///
/// Error messages name the part that is wrong but quote nothing from the URL: a password
/// that was not percent-encoded can end up in any part, so no part is safe to echo.
enum DatabaseURL {
    static func parse(_ url: String) throws(PostgresError) -> [String: String] {
        guard let rest = stripScheme(url) else {
            throw .configuration("URL must start with postgres:// or postgresql://")
        }
        let (beforeQuery, query) = split(rest, at: "?")
        let (authority, path) = split(beforeQuery, at: "/")
        var parameters: [String: String] = [:]
        try parseAuthority(authority, into: &parameters)
        if let path, !path.isEmpty {
            parameters["dbname"] = try decode(path, part: "database name")
        }
        if let query {
            try parseQuery(query, into: &parameters)
        }
        return parameters
    }

    private static func stripScheme(_ url: String) -> Substring? {
        for scheme in ["postgresql://", "postgres://"] where url.hasPrefix(scheme) {
            return url.dropFirst(scheme.count)
        }
        return nil
    }

    private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<index], text[text.index(after: index)...])
    }

    private static func parseAuthority(
        _ authority: Substring, into parameters: inout [String: String]
    ) throws(PostgresError) {
        var hostPart = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPart = authority[authority.index(after: at)...]
            let (user, password) = split(userInfo, at: ":")
            if !user.isEmpty { parameters["user"] = try decode(user, part: "user name") }
            if let password { parameters["password"] = try decode(password, part: "password") }
        }
        guard !hostPart.isEmpty else { return }
        var hosts: [String] = []
        var ports: [String] = []
        for (index, spec) in hostPart.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let (host, port) = try parseHost(spec, number: index + 1)
            hosts.append(host)
            ports.append(port)
        }
        if hosts.contains(where: { !$0.isEmpty }) { parameters["host"] = hosts.joined(separator: ",") }
        if ports.contains(where: { !$0.isEmpty }) { parameters["port"] = ports.joined(separator: ",") }
    }

    /// One `host[:port]` or `[ipv6]:port` entry of a possibly comma-separated host list.
    private static func parseHost(_ spec: Substring, number: Int) throws(PostgresError) -> (String, String) {
        var host: Substring = spec
        var port: Substring?
        if spec.hasPrefix("[") {
            guard let close = spec.firstIndex(of: "]") else {
                throw .configuration("host \(number) in the URL has an unclosed '['")
            }
            host = spec[spec.index(after: spec.startIndex)..<close]
            let after = spec[spec.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw .configuration("host \(number) in the URL has text after ']' that is not a port")
                }
                port = after.dropFirst()
            }
        } else {
            (host, port) = split(spec, at: ":")
        }
        let decodedPort = try decode(port ?? "", part: "port")
        if !decodedPort.isEmpty {
            try validatePort(decodedPort, part: "port of host \(number) in the URL")
        }
        return (try decode(host, part: "host"), decodedPort)
    }

    private static func parseQuery(_ query: Substring, into parameters: inout [String: String]) throws(PostgresError) {
        for (index, pair) in query.split(separator: "&").enumerated() {
            let number = index + 1
            guard let equals = pair.firstIndex(of: "=") else {
                throw .configuration("query parameter \(number) in the URL has no '='")
            }
            let key = try decode(pair[..<equals], part: "query parameter \(number) name")
            let value = try decode(pair[pair.index(after: equals)...], part: "query parameter \(number) value")
            guard PostgresConfiguration.knownKeywords.contains(key) else {
                throw .configuration("query parameter \(number) in the URL is not a libpq connection keyword")
            }
            try validate(key: key, value: value, number: number)
            parameters[key] = value
        }
    }

    private static func validate(key: String, value: String, number: Int) throws(PostgresError) {
        switch key {
        case "port":
            for port in value.split(separator: ",") {
                try validatePort(String(port), part: "port in query parameter \(number)")
            }
        case "connect_timeout":
            guard let seconds = Int(value), seconds >= 0 else {
                throw .configuration("connect_timeout must be a whole number of seconds")
            }
        case "sslmode":
            let modes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
            guard modes.contains(value) else {
                throw .configuration("sslmode must be one of \(modes.joined(separator: ", "))")
            }
        default:
            break
        }
    }

    private static func validatePort(_ port: String, part: String) throws(PostgresError) {
        guard let number = Int(port), (1...65535).contains(number) else {
            throw .configuration("\(part) must be a number from 1 to 65535")
        }
    }

    /// Percent-decoding (RFC 3986 §2.1); the result must be UTF-8.
    static func decode(_ text: Substring, part: String) throws(PostgresError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .configuration("the \(part) in the URL has a malformed %-escape")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self), !decoded.utf8.contains(0) else {
            throw .configuration("the \(part) in the URL is not valid UTF-8 text")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
