import CLinux
import Glibc

/// An IPv4 or IPv6 address and port, resolved numerically or through getaddrinfo.
public struct SocketAddress: Sendable, CustomStringConvertible {
    var storage: sockaddr_storage
    var length: socklen_t

    init(storage: sockaddr_storage, length: socklen_t) {
        self.storage = storage
        self.length = length
    }

    /// Resolves `host` ("0.0.0.0", "::", "127.0.0.1", "localhost", a DNS name) for a TCP port.
    public static func resolve(host: String, port: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &result)
        guard rc == 0, let first = result else {
            throw SocketError("getaddrinfo(\(host))", errno: rc == EAI_SYSTEM ? Glibc.errno : EINVAL)
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let current = node {
            var storage = sockaddr_storage()
            let length = current.pointee.ai_addrlen
            withUnsafeMutableBytes(of: &storage) { dst in
                dst.copyMemory(from: UnsafeRawBufferPointer(start: current.pointee.ai_addr, count: Int(length)))
            }
            addresses.append(SocketAddress(storage: storage, length: length))
            node = current.pointee.ai_next
        }
        return addresses
    }

    var family: Int32 { Int32(storage.ss_family) }

    /// The port in host byte order.
    public var port: Int {
        // sin_port and sin6_port both sit right after the 16-bit family.
        withUnsafeBytes(of: storage) { raw in
            Int(UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self)))
        }
    }

    /// The numeric host, e.g. "127.0.0.1" or "::1".
    public var host: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        var copy = storage
        let ok: Bool = withUnsafeMutablePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout<sockaddr_storage>.size) { bytes in
                let offset = family == AF_INET6 ? 8 : 4
                return inet_ntop(family, bytes + offset, &buffer, socklen_t(buffer.count)) != nil
            }
        }
        guard ok else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var description: String {
        family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws -> R) rethrows -> R {
        var copy = storage
        return try withUnsafePointer(to: &copy) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, length) }
        }
    }
}
