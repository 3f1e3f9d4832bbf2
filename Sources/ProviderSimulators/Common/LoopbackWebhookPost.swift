import Foundation
import Glibc
import HTTP
import Sockets

/// Plumbing shared by the Durianpay and SingaPay simulators: posting a webhook to a plain
/// `http://host:port/path` URL (simulators have no HTTP client room to lean on), and finding a
/// port where nothing listens, to play a provider that refuses connections.
enum LoopbackWebhookPost {
    /// Posts `body` on a thread of its own (blocking socket calls stay off Swift's pool) and
    /// reads the status line; failures are dropped, as a provider would log and retry later.
    static func post(url: String, headers: [(String, String)], body: [UInt8]) {
        guard let (host, port, target) = split(url) else { return }
        let thread = Thread {
            deliver(host: host, port: port, target: target, headers: headers, body: body)
        }
        thread.start()
    }

    /// Sends synchronously; returns the answer's status code, or nil.
    @discardableResult
    static func deliver(host: String, port: Int, target: String, headers: [(String, String)], body: [UInt8]) -> Int? {
        guard let address = try? SocketAddress.resolve(host: host, port: port).first,
              let socket = try? Socket.connect(to: address, timeoutMilliseconds: 2000, nonBlocking: false) else { return nil }
        defer { socket.close() }
        var fields = HTTPHeaders(headers)
        fields.set("Host", "\(host):\(port)")
        fields.set("Connection", "close")
        var bytes: [UInt8] = []
        HTTPRequestEncoder.encode(HTTPRequest(method: .post, target: target, headers: fields, body: body), into: &bytes)
        guard (try? socket.setReceiveTimeout(milliseconds: 5000)) != nil, (try? socket.writeAll(bytes)) != nil else { return nil }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while received.count < 12 {
            let outcome = chunk.withUnsafeMutableBytes { try? socket.read(into: $0) }
            guard case .bytes(let count)? = outcome else { break }
            received.append(contentsOf: chunk[..<count])
        }
        guard received.count >= 12 else { return nil }
        return Int(String(decoding: received[9..<12], as: UTF8.self))
    }

    /// `http://host:port/path?query` → parts; nil for anything else.
    static func split(_ url: String) -> (String, Int, String)? {
        guard url.hasPrefix("http://") else { return nil }
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let target = slash == rest.endIndex ? "/" : String(rest[slash...])
        let parts = authority.split(separator: ":")
        guard let host = parts.first else { return nil }
        let port = parts.count > 1 ? Int(parts[1]) : 80
        guard let port else { return nil }
        return (String(host), port, target)
    }
}
