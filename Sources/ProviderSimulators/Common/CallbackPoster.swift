import Sockets

/// POSTs a callback the way a provider does: one plain-HTTP request on a new connection.
/// Simulators only call back to local test servers, so TLS is not needed.
enum CallbackPoster {
    /// Sends `body` to `url` (`http://host:port/path`); returns the status code, nil on failure.
    static func post(url: String, headers: [(String, String)], body: [UInt8]) -> Int? {
        guard url.hasPrefix("http://") else { return nil }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        let hostPort = authority.split(separator: ":", maxSplits: 1)
        guard let host = hostPort.first, let port = Int(hostPort.count > 1 ? hostPort[1] : "80"),
              let address = try? SocketAddress.resolve(host: String(host), port: port).first,
              let socket = try? Socket.connect(to: address, timeoutMilliseconds: 2000, nonBlocking: false) else {
            return nil
        }
        defer { socket.close() }
        var head = "POST \(path.isEmpty ? "/" : String(path)) HTTP/1.1\r\nHost: \(authority)\r\n"
        head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        do {
            try socket.writeAll(Array(head.utf8) + body)
            try socket.setReceiveTimeout(milliseconds: 2000)
            var buffer = [UInt8](repeating: 0, count: 512)
            let outcome = try buffer.withUnsafeMutableBytes { try socket.read(into: $0) }
            guard case .bytes(let count) = outcome else { return nil }
            let statusLine = String(decoding: buffer.prefix(count), as: UTF8.self).split(separator: " ")
            return statusLine.count > 1 ? Int(statusLine[1]) : nil
        } catch {
            return nil
        }
    }
}
