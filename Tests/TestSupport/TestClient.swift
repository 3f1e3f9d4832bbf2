import Glibc
import Sockets

/// A blocking client that writes raw bytes and reads raw responses, independent of the
/// server's own parser so the two cannot share a bug.
public final class TestClient {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Bytes that do not start with a status line and fields; the text is what was read.
    public struct MalformedResponse: Error, Sendable {
        public var head: String
    }

    public let socket: Socket
    private var buffer: [UInt8] = []

    public init(port: Int, receiveTimeoutMilliseconds: Int = 5000) throws {
        let address = try SocketAddress.resolve(host: "127.0.0.1", port: port)[0]
        socket = try Socket.connect(to: address, timeoutMilliseconds: 2000, nonBlocking: false)
        try socket.setReceiveTimeout(milliseconds: receiveTimeoutMilliseconds)
    }

    deinit { socket.close() }

    public func send(_ text: String) throws { try socket.writeAll(Array(text.utf8)) }
    public func send(_ bytes: [UInt8]) throws { try socket.writeAll(bytes) }

    /// Reads one response; `head` skips the body (answers to HEAD carry none).
    public func readResponse(head: Bool = false) throws -> Response {
        let headEnd = try fill(until: { self.find([13, 10, 13, 10]) })
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.split(separator: "\r\n").map(String.init)
        // Thrown rather than trapped: a server that frames an answer wrongly fails one test, not the run.
        let statusLine = lines.isEmpty ? [] : lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else {
            throw MalformedResponse(head: headText)
        }
        let headers = try lines.map { line -> (String, String) in
            guard let colon = line.firstIndex(of: ":") else { throw MalformedResponse(head: headText) }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters())
        }
        var response = Response(status: status, headers: headers, body: [])
        if !head, response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            response.body = try readChunkedBody()
            return response
        }
        let length = head ? 0 : Int(response.header("Content-Length") ?? "0")!
        _ = try fill(until: { self.buffer.count >= length ? length : nil })
        response.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return response
    }

    /// Reads chunks until the last one (RFC 9112 §7.1); trailers are skipped.
    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try fill(until: { self.find([13, 10]) })
            let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";")[0]
            buffer.removeFirst(lineEnd + 2)
            let size = Int(sizeText, radix: 16)!
            if size == 0 {
                let end = try fill(until: { self.find([13, 10]) })
                buffer.removeFirst(end + 2)
                return body
            }
            _ = try fill(until: { self.buffer.count >= size + 2 ? size : nil })
            body += buffer[..<size]
            buffer.removeFirst(size + 2)
        }
    }

    /// True when the server closed the connection (reads end-of-stream) within the timeout.
    public func isClosedByServer() -> Bool {
        var byte = [UInt8](repeating: 0, count: 1024)
        while true {
            let n = byte.withUnsafeMutableBytes { Glibc.read(socket.descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for i in 0...(buffer.count - pattern.count) where buffer[i] == pattern[0] {
            if Array(buffer[i..<(i + pattern.count)]) == pattern { return i }
        }
        return nil
    }

    private func fill(until found: () -> Int?) throws -> Int {
        while true {
            if let index = found() { return index }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(socket.descriptor, $0.baseAddress, $0.count) }
            // A signal (SIGCHLD from a test's child process) interrupts the read; not an end.
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw SocketError("read", errno: n == 0 ? ECONNRESET : errno) }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// Sleeps the calling thread. Tests here block their thread on sockets anyway, and a plain
/// sleep keeps timing independent of how busy Swift's cooperative pool is.
public func pause(milliseconds: Int) {
    usleep(useconds_t(milliseconds * 1000))
}

extension TestClient {
    /// Sends one request with `Connection: keep-alive` semantics and reads its answer.
    public func exchange(_ method: String, _ path: String, headers: [(String, String)] = [], body: String = "") throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: test\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.utf8.count)\r\n" }
        try send(head + "\r\n" + body)
        return try readResponse(head: method == "HEAD")
    }
}
