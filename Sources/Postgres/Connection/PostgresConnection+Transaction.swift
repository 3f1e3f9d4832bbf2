import CLibPQ

extension PostgresConnection {
    /// BEGIN; body; COMMIT on this connection. A thrown error rolls back and is rethrown.
    /// If the body swallowed an SQL error, the aborted transaction is rolled back and a
    /// `.server` error with SQLSTATE 25P02 is thrown instead of a silent non-commit.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackIfOpen()
            throw error
        }
        if let handle, PQtransactionStatus(handle) == PQTRANS_INERROR {
            rollbackIfOpen()
            throw PostgresError(
                kind: .server,
                message: "the transaction was aborted by an earlier error and has been rolled back",
                sqlState: "25P02")
        }
        try execute("COMMIT")
        return value
    }

    /// Rolls back an open or failed transaction; a broken connection has none left to roll back.
    func rollbackIfOpen() {
        guard let handle else { return }
        let status = PQtransactionStatus(handle)
        if status == PQTRANS_INTRANS || status == PQTRANS_INERROR {
            _ = try? execute("ROLLBACK")
        }
    }
}
