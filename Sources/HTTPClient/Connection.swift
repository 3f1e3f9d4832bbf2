import Glibc
import Sockets
import TLS

/// One connection to an endpoint, with the thread that does its I/O.
///
/// `@unchecked Sendable`: `transport` and `idleSince` are used only by jobs on `thread` while
/// the connection is leased, or under the pool's lock while it is idle, never both at once.
final class Connection: @unchecked Sendable {
    let endpoint: Endpoint
    let thread: IOThread
    var transport: Transport?
    var idleSince = ContinuousClock.now

    init(endpoint: Endpoint, serial: Int) {
        self.endpoint = endpoint
        self.thread = IOThread(name: "http-client-\(serial)")
    }

    /// Closes the transport on the connection's thread and ends the thread.
    func close(onExit: (@Sendable () -> Void)? = nil) {
        thread.submit { [self] in
            transport?.close()
            transport = nil
        }
        thread.stop(onExit: onExit)
    }

    /// Resolves, connects and (for https) runs the TLS handshake, all before `deadline`.
    /// Nothing of the request has been written yet, so every failure here is `.notSent`.
    /// With `publicOnly`, addresses off the public internet are never dialled.
    static func open(_ endpoint: Endpoint, tls: TLSContext?, publicOnly: Bool,
                     deadline: ContinuousClock.Instant) throws(ClientError) -> Transport {
        var addresses: [SocketAddress]
        do {
            addresses = try SocketAddress.resolve(host: endpoint.host, port: endpoint.port)
        } catch {
            throw .notSent(.resolutionFailed("\(endpoint.host): \(error)"))
        }
        if publicOnly {
            addresses = addresses.filter(\.isPublic)
            guard !addresses.isEmpty else {
                throw .notSent(.addressRefused("\(endpoint.host) resolves only to loopback, private or reserved addresses"))
            }
        }
        let socket = try connect(addresses, deadline: deadline)
        guard endpoint.isSecure else { return .plain(socket) }
        guard let tls else {
            socket.close()
            throw .notSent(.handshakeFailed("no TLS context"))
        }
        do {
            return .tls(try TLSStream.connect(over: socket, context: tls, serverName: endpoint.host, deadline: deadline))
        } catch {
            socket.close()
            switch error.kind {
            case .certificateRejected: throw .notSent(.certificateRejected(error.message))
            case .timedOut: throw .notSent(.connectTimedOut)
            default: throw .notSent(.handshakeFailed(error.message))
            }
        }
    }

    /// Tries each address in turn (a name may resolve to ::1 and 127.0.0.1) within one deadline.
    private static func connect(_ addresses: [SocketAddress], deadline: ContinuousClock.Instant) throws(ClientError) -> Socket {
        var lastFailure = "no address"
        for address in addresses {
            let remaining = deadline - .now
            guard remaining > .zero else { throw .notSent(.connectTimedOut) }
            do {
                // Socket.connect sets TCP_NODELAY: a request is written whole, and must not wait
                // on Nagle for the previous segment's ACK (NOTES.md).
                return try Socket.connect(to: address, timeoutMilliseconds: Deadlines.milliseconds(remaining),
                                          nonBlocking: true)
            } catch let error as SocketError where error.errno == ETIMEDOUT {
                throw .notSent(.connectTimedOut)
            } catch {
                lastFailure = "\(error)"
            }
        }
        throw .notSent(.connectFailed(lastFailure))
    }
}
