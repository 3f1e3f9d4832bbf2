import CLinux
import Glibc

/// What a non-blocking read produced.
public enum ReadOutcome: Equatable, Sendable {
    case bytes(Int)
    /// Nothing to read now (EAGAIN); wait for the poller.
    case wouldBlock
    /// The peer closed its side.
    case endOfStream
}

/// A TCP socket descriptor with the calls we need. Like swift-system's `FileDescriptor` it does
/// not own the descriptor: whoever opened it calls `close()` once.
public struct Socket: Sendable, Hashable {
    public let descriptor: Int32

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func close() {
        Glibc.close(descriptor)
    }

    /// A non-blocking listening socket; `reusePort` lets one listener per event loop share the port.
    public static func listen(on address: SocketAddress, backlog: Int32 = 1024, reusePort: Bool) throws -> Socket {
        let fd = Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        let socket = Socket(descriptor: fd)
        do {
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            if reusePort { try socket.setOption(SOL_SOCKET, SO_REUSEPORT, 1) }
            if address.family == AF_INET6 { try socket.setOption(Int32(IPPROTO_IPV6), IPV6_V6ONLY, 0) }
            guard address.withSockaddr({ Glibc.bind(fd, $0, $1) }) == 0 else { throw SocketError("bind \(address)") }
            guard Glibc.listen(fd, backlog) == 0 else { throw SocketError("listen") }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// A socket bound to `address` but not listening: connecting to it is refused, and while it
    /// stays open no other socket can take the port. For simulating a provider that is down.
    public static func bindWithoutListening(on address: SocketAddress) throws -> Socket {
        let fd = Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        let socket = Socket(descriptor: fd)
        do {
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            guard address.withSockaddr({ Glibc.bind(fd, $0, $1) }) == 0 else { throw SocketError("bind \(address)") }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// A blocking connect with a timeout, then switched to the requested mode.
    public static func connect(to address: SocketAddress, timeoutMilliseconds: Int32, nonBlocking: Bool) throws -> Socket {
        let fd = Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        let socket = Socket(descriptor: fd)
        do {
            try socket.finishConnect(to: address, timeoutMilliseconds: timeoutMilliseconds, nonBlocking: nonBlocking)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    private func finishConnect(to address: SocketAddress, timeoutMilliseconds: Int32, nonBlocking: Bool) throws {
        let fd = descriptor
        let rc = address.withSockaddr { Glibc.connect(fd, $0, $1) }
        if rc != 0 {
            guard errno == EINPROGRESS else { throw SocketError("connect \(address)") }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            var ready = Glibc.poll(&pfd, 1, timeoutMilliseconds)
            while ready < 0 && errno == EINTR { ready = Glibc.poll(&pfd, 1, timeoutMilliseconds) }
            guard ready > 0 else { throw SocketError("connect \(address)", errno: ready == 0 ? ETIMEDOUT : errno) }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            guard error == 0 else { throw SocketError("connect \(address)", errno: error) }
        }
        try setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        if !nonBlocking { try setBlocking(true) }
    }

    /// Accepts one pending connection as a non-blocking socket; nil when none is pending.
    public func accept() throws -> Socket? {
        let fd = clinux_accept_nonblocking(descriptor, nil, nil)
        if fd >= 0 { return Socket(descriptor: fd) }
        switch errno {
        case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED: return nil
        default: throw SocketError("accept")
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ReadOutcome {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n > 0 { return .bytes(n) }
            if n == 0 { return .endOfStream }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: throw SocketError("read")
            }
        }
    }

    /// Writes what the kernel takes now; returns the count (0 when it would block).
    public func write(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if n >= 0 { return n }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return 0
            default: throw SocketError("write")
            }
        }
    }

    /// Writes everything, blocking; for blocking sockets only.
    public func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = try bytes.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            guard n > 0 else { throw SocketError("write", errno: EAGAIN) }
            offset += n
        }
    }

    public func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws {
        var v = value
        guard setsockopt(descriptor, level, name, &v, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError("setsockopt(\(name))")
        }
    }

    public func setNoDelay() throws {
        try setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
    }

    /// Receive timeout for blocking sockets.
    public func setReceiveTimeout(milliseconds: Int) throws {
        var tv = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        guard setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw SocketError("setsockopt(SO_RCVTIMEO)")
        }
    }

    public func setBlocking(_ blocking: Bool) throws {
        let flags = fcntl(descriptor, F_GETFL)
        let updated = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK
        guard flags >= 0, fcntl(descriptor, F_SETFL, updated) == 0 else { throw SocketError("fcntl") }
    }

    /// Half-closes the sending side so the peer reads end-of-stream after our last bytes.
    public func shutdownWrite() {
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    /// The locally bound address (useful after binding port 0).
    public func localAddress() throws -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard rc == 0 else { throw SocketError("getsockname") }
        return SocketAddress(storage: storage, length: length)
    }
}
