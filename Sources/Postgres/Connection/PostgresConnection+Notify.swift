extension PostgresConnection {
    /// Sends a notification on `channel` via `SELECT pg_notify($1, $2)`; inside a transaction
    /// it is delivered on commit.
    public func notify(_ channel: String, payload: String) throws(PostgresError) {
        _ = try query("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }
}
