import CLibPQ

extension PostgresConnection {
    /// Runs one query and hands `body` each row as it arrives (libpq's single-row mode). A
    /// caller that turns a large result into an answer works while the server is still sending
    /// it: a page of 200 payouts is about 700 KB, which the server writes 8 KB at a time, and a
    /// reader that only waits is woken for each piece.
    ///
    /// Once `body` or the server fails, the rest of the result is read and dropped, so the
    /// connection is ready for the next statement; then the first error is thrown.
    public func forEachRow(
        _ sql: String, _ parameters: [PostgresValue] = [], _ body: (PostgresRow) throws -> Void
    ) throws {
        let (sent, handle) = try withStatement(sql, parameters) { handle, name, call in
            let sent = if let name {
                PQsendQueryPrepared(handle, name, call.count, call.values, call.lengths, call.formats, 0)
            } else {
                PQsendQueryParams(handle, sql, call.count, call.types, call.values, call.lengths, call.formats, 0)
            }
            return (sent, handle)
        }
        guard sent == 1 else {
            throw PostgresError(kind: PQstatus(handle) == CONNECTION_OK ? .protocolViolation : .connectionLost,
                                message: Self.errorMessage(of: handle))
        }
        // Refused only when called at the wrong moment; the whole result then comes at once,
        // which the loop below reads just the same.
        _ = PQsetSingleRowMode(handle)
        var columns: [String]?
        var failure: (any Error)?
        while let result = PQgetResult(handle) {
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
                defer { PQclear(result) }
                guard failure == nil, PQntuples(result) > 0 else { continue }
                let names = columns ?? Self.columnNames(of: result)
                columns = names
                do {
                    for row in 0..<PQntuples(result) { try body(Self.row(row, of: result, columns: names)) }
                } catch {
                    failure = error
                }
            default:
                do {
                    PQclear(try check(result, parameters: parameters))
                } catch {
                    failure = failure ?? error
                }
            }
        }
        if let failure { throw failure }
    }
}
