import CLibPQ

extension PostgresConnection {
    /// BEGIN; body; COMMIT on this connection. A thrown error rolls back and is rethrown.
    /// If the body swallowed an SQL error, the aborted transaction is rolled back and a
    /// `.server` error with SQLSTATE 25P02 is thrown instead of a silent non-commit.
    ///
    /// `genericPlans`: the transaction's prepared statements (those of its functions and
    /// triggers too) run on generic plans, never planned again per call. For transactions whose
    /// every statement finds rows by key, where a call's own plan would be the same plan: left
    /// to choose, the server keeps planning such statements again whenever a generic plan looks
    /// dearer on its statistics. The session's own setting is back at COMMIT or ROLLBACK.
    public func transaction<T>(genericPlans: Bool = false, _ body: (PostgresConnection) throws -> T) throws -> T {
        let value: T
        do {
            if genericPlans {
                // One round trip for both.
                try executeScript("BEGIN; SET LOCAL plan_cache_mode = force_generic_plan")
            } else {
                try execute("BEGIN")
            }
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
