import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PostgresConnection {
    /// Whether an idle connection still looks alive, without a round trip.
    ///
    /// A backend ended by `pg_terminate_backend` or a server restart sends FATAL and closes
    /// its socket. While idle, libpq treats the FATAL as a notice and only a later read sees
    /// the end of the stream, so input is consumed for as long as the socket is readable
    /// (libpq sockets are non-blocking, so this never waits); then `PQstatus` turns bad.
    /// Stray notifications are drained so they do not pile up.
    var isUsable: Bool {
        guard let handle else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        // A healthy idle connection has little or nothing to read; a few rounds reach EOF.
        for _ in 0..<8 {
            descriptor.revents = 0
            guard poll(&descriptor, 1, 0) > 0 else { break }
            guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else { return false }
        }
        guard PQstatus(handle) == CONNECTION_OK else { return false }
        while let notification = PQnotifies(handle) {
            PQfreemem(notification)
        }
        return PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Leaves the connection outside any transaction before it goes back to the pool, or
    /// closes it when that cannot be done safely (broken, or a statement still running).
    func resetAfterUse() {
        guard let handle else { return }
        guard PQstatus(handle) == CONNECTION_OK else { return close() }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE:
            return
        case PQTRANS_INTRANS, PQTRANS_INERROR:
            rollbackIfOpen()
            if PQstatus(handle) != CONNECTION_OK || PQtransactionStatus(handle) != PQTRANS_IDLE { close() }
        default:
            close()
        }
    }
}
