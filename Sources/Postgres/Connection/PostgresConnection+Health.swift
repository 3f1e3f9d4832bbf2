import CLibPQ

extension PostgresConnection {
    /// Whether an idle connection still looks alive, without a round trip.
    ///
    /// A backend ended by `pg_terminate_backend` or a server restart sends FATAL and closes
    /// its socket; `PQconsumeInput` reads that (libpq sockets are non-blocking, so it never
    /// waits) and `PQstatus` turns bad. Stray notifications are drained so they do not pile up.
    var isUsable: Bool {
        guard let handle else { return false }
        guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else { return false }
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
