import Sockets

/// Reads and checks the body of `POST /v1/webhook-endpoints`: every problem is listed at once.
enum WebhookEndpointReader {
    static let urlBytesMax = 2048

    struct Draft {
        var url: String
        var events: [String]
    }

    static func read(_ body: JSONBody, allowsPrivateURLs: Bool) throws -> Draft {
        var body = body
        let url = body.string("url")
        let events = body.stringArray("events")
        body.refuseUnknownMembers()
        if let url, let problem = problem(withURL: url, allowsPrivateURLs: allowsPrivateURLs) {
            body.record(field: "url", message: problem)
        }
        if url == nil, !body.errors.contains(where: { $0.field == "url" }) { body.record(field: "url", message: "is required") }
        var chosen: [String] = []
        if let events {
            if events.isEmpty { body.record(field: "events", message: "must name at least one of \(WebhookEventType.allowedList)") }
            for (index, name) in events.enumerated() {
                guard WebhookEventType(rawValue: name) != nil else {
                    body.record(field: "events[\(index)]", message: "must be one of \(WebhookEventType.allowedList)")
                    continue
                }
                if !chosen.contains(name) { chosen.append(name) }
            }
        } else if !body.errors.contains(where: { $0.field == "events" }) {
            body.record(field: "events", message: "is required: a list of \(WebhookEventType.allowedList)")
        }
        guard body.errors.isEmpty, let url else {
            throw Problem(.validationFailed, detail: "The webhook endpoint has \(body.errors.count) invalid field\(body.errors.count == 1 ? "" : "s").",
                          errors: body.errors, extensions: ["allowed_events": WebhookEventType.allowedList])
        }
        return Draft(url: url, events: chosen)
    }

    /// Why the URL cannot be used, or nil. Absolute http(s), a host we can dial, no credentials
    /// (they would show in every listing) and no fragment (never sent). Unless allowed, a host
    /// written as an address must be a public one; a name is checked when it is resolved, at
    /// each send, since what it resolves to can change.
    static func problem(withURL url: String, allowsPrivateURLs: Bool) -> String? {
        guard url.utf8.count <= urlBytesMax else { return "must be at most \(urlBytesMax) bytes" }
        guard url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return "must be visible ASCII without spaces (percent-encode the rest)" }
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = url.dropFirst(8) } else if lower.hasPrefix("http://") { rest = url.dropFirst(7) } else {
            return "must be an absolute http or https URL"
        }
        guard !rest.contains("#") else { return "must not have a fragment" }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard !authority.contains("@") else { return "must not carry credentials" }
        guard let host = host(ofAuthority: authority) else { return "must name a host and, optionally, a port from 1 to 65535" }
        if !allowsPrivateURLs, let address = SocketAddress.numeric(host: String(host), port: 443), !address.isPublic {
            return "must not point at a loopback, private or reserved address"
        }
        return nil
    }

    /// The host of a valid authority (without brackets or port), or nil.
    private static func host(ofAuthority authority: Substring) -> Substring? {
        var host = authority
        var port: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { return nil }
                port = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else { return nil }
        guard let port else { return host }
        return port.count <= 5 && port.allSatisfy(\.isASCII) && Int(port).map { (1...65535).contains($0) } == true ? host : nil
    }
}
