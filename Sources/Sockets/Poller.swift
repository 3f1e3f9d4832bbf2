import CLinux
import Glibc

/// Readiness a descriptor is watched for or reported with.
public struct PollEvents: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let readable = PollEvents(rawValue: EPOLLIN.rawValue)
    public static let writable = PollEvents(rawValue: EPOLLOUT.rawValue)
    /// Both directions are shut (for TCP, the peer reset): reported whether asked for or not.
    public static let hangup = PollEvents(rawValue: EPOLLHUP.rawValue)
    public static let error = PollEvents(rawValue: EPOLLERR.rawValue)
}

/// A level-triggered epoll instance owned by one thread; each descriptor carries a 64-bit token.
///
/// A descriptor is watched for exactly its interest. EPOLLRDHUP is never added: a peer that
/// closes shows up as end-of-stream to a reader, and on a descriptor not being read (a handler
/// running, output stuck) a level-triggered RDHUP would end every wait at once, a busy loop.
public final class Poller {
    public let descriptor: Int32
    private var events: [UInt32]
    private var tokens: [UInt64]
    public private(set) var readyCount = 0

    public init(capacity: Int = 256) throws {
        descriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard descriptor >= 0 else { throw SocketError("epoll_create1") }
        events = Array(repeating: 0, count: min(capacity, 256))
        tokens = Array(repeating: 0, count: min(capacity, 256))
    }

    deinit { Glibc.close(descriptor) }

    public func add(_ fd: Int32, _ interest: PollEvents, token: UInt64) throws {
        guard clinux_epoll_add(descriptor, fd, interest.rawValue, token) == 0 else {
            throw SocketError("epoll_ctl(ADD)")
        }
    }

    public func modify(_ fd: Int32, _ interest: PollEvents, token: UInt64) throws {
        guard clinux_epoll_mod(descriptor, fd, interest.rawValue, token) == 0 else {
            throw SocketError("epoll_ctl(MOD)")
        }
    }

    public func remove(_ fd: Int32) {
        _ = clinux_epoll_del(descriptor, fd)
    }

    /// Waits up to `timeoutMilliseconds` (-1 forever); afterwards `event(at:)` reads the results.
    public func wait(timeoutMilliseconds: Int32) throws {
        let n = events.withUnsafeMutableBufferPointer { ev in
            tokens.withUnsafeMutableBufferPointer { tk in
                clinux_epoll_wait(descriptor, ev.baseAddress, tk.baseAddress, Int32(ev.count), timeoutMilliseconds)
            }
        }
        if n < 0 {
            readyCount = 0
            if errno == EINTR { return }
            throw SocketError("epoll_wait")
        }
        readyCount = Int(n)
    }

    public func event(at index: Int) -> (token: UInt64, events: PollEvents) {
        (tokens[index], PollEvents(rawValue: events[index]))
    }
}

/// An eventfd that another thread writes to wake a poller.
public final class Waker: Sendable {
    public let descriptor: Int32

    public init() throws {
        descriptor = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard descriptor >= 0 else { throw SocketError("eventfd") }
    }

    deinit { Glibc.close(descriptor) }

    public func wake() {
        var one: UInt64 = 1
        _ = Glibc.write(descriptor, &one, 8)
    }

    /// Clears pending wake-ups; call from the poller's thread.
    public func drain() {
        var value: UInt64 = 0
        _ = Glibc.read(descriptor, &value, 8)
    }
}
