import Foundation
import Glibc
import Sockets
import Synchronization

/// A scripted TCP server on 127.0.0.1 and a free port, for responses our HTTPServer never
/// produces: each accepted connection runs `handler` on its own thread with its index (0, 1, …).
final class RawServer: Sendable {
    let port: Int
    private let listener: Socket
    private let stopped = Atomic<Bool>(false)
    private let acceptedCount = Atomic<Int>(0)
    /// How long a peer's read waits before giving up and closing, so no handler thread hangs.
    private let receiveTimeoutMilliseconds: Int

    init(receiveTimeoutMilliseconds: Int = 5000, _ handler: @escaping @Sendable (RawPeer, Int) -> Void) throws {
        self.receiveTimeoutMilliseconds = receiveTimeoutMilliseconds
        listener = try Socket.listen(on: SocketAddress.resolve(host: "127.0.0.1", port: 0)[0], reusePort: false)
        port = try listener.localAddress().port
        let thread = Thread { [self] in acceptLoop(handler) }
        thread.start()
    }

    /// Connections accepted so far.
    var accepted: Int { acceptedCount.load(ordering: .relaxed) }

    func stop() { stopped.store(true, ordering: .relaxed) }

    private func acceptLoop(_ handler: @escaping @Sendable (RawPeer, Int) -> Void) {
        while !stopped.load(ordering: .relaxed) {
            var pfd = pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 50) > 0, let socket = try? listener.accept() else { continue }
            let index = acceptedCount.add(1, ordering: .relaxed).oldValue
            try? socket.setBlocking(true)
            try? socket.setReceiveTimeout(milliseconds: receiveTimeoutMilliseconds)
            Thread { handler(RawPeer(socket: socket), index) }.start()
        }
        listener.close()
    }
}

/// One accepted connection, blocking, for a scripted handler.
final class RawPeer: @unchecked Sendable {
    let socket: Socket
    private var buffer: [UInt8] = []

    init(socket: Socket) { self.socket = socket }

    /// Reads one request (head plus Content-Length body); nil when the client closed first.
    @discardableResult
    func readRequest() -> String? {
        while true {
            if let end = headEnd() {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    return parts.count == 2 && parts[0].lowercased() == "content-length"
                        ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
                }.first ?? 0
                if buffer.count >= end + 4 + length {
                    let request = String(decoding: buffer[..<(end + 4 + length)], as: UTF8.self)
                    buffer.removeFirst(end + 4 + length)
                    return request
                }
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(socket.descriptor, $0.baseAddress, $0.count) }
            // A signal (SIGCHLD from another test's child process) interrupts the read; not an end.
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            buffer += chunk[..<n]
        }
    }

    func send(_ text: String) { try? socket.writeAll(Array(text.utf8)) }

    func close() { socket.close() }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i
        }
        return nil
    }
}
