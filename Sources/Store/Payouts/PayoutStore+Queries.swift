import Payouts
import Postgres

/// Filters of `GET /v1/payouts`; nil means any.
public struct PayoutFilter: Sendable, Equatable {
    public var status: PayoutStatus?
    public var provider: ProviderName?
    public var bank: String?
    public var reference: String?
    /// Inclusive.
    public var createdFrom: Timestamp?
    /// Exclusive.
    public var createdTo: Timestamp?
    public var minAmount: Money?
    public var maxAmount: Money?

    public init() {}
}

/// One entry of a payout's audit trail.
public struct PayoutEvent: Sendable, Equatable {
    public var id: Int64
    public var status: String
    /// The API key's name, `system`, or a provider.
    public var actor: String
    public var detail: String
    public var createdAt: Timestamp
}

/// What a cancel came to.
public enum CancelOutcome: Sendable {
    case cancelled(StoredPayout)
    case notFound
    case notCancellable(PayoutStatus)
    /// Parked for its next provider's window after an attempt was refused: it was sent once,
    /// and a provider that later reports that attempt paid must find it on its way, not cancelled.
    case alreadySent(PayoutStatus)
}

extension PayoutStore {
    /// A page in a stable order (newest first, then id), after `cursor`.
    public func list(_ filter: PayoutFilter, after cursor: Cursor?, limit: Int) async throws -> [StoredPayout] {
        try await list(filter, after: cursor, limit: limit, into: []) { $0.append($1) }
    }

    /// The same page, handed to `add` payout by payout as the server sends it, so an answer is
    /// written while the rest of the page is still on its way.
    public func list<Page: Sendable>(
        _ filter: PayoutFilter, after cursor: Cursor?, limit: Int, into page: Page,
        _ add: @escaping @Sendable (inout Page, StoredPayout) throws -> Void
    ) async throws -> Page {
        let directory = directory
        let (sql, parameters) = Self.listStatement(filter, after: cursor, limit: limit)
        return try await pool.withConnection { connection in
            var page = page
            try connection.forEachRow(sql, parameters) { try add(&page, PayoutRecord.payout($0, directory: directory)) }
            return page
        }
    }

    static func listStatement(_ filter: PayoutFilter, after cursor: Cursor?, limit: Int) -> (String, [PostgresValue]) {
        let (conditions, parameters) = conditions(filter, after: cursor)
        let sql = """
            SELECT \(PayoutRecord.columns) FROM payouts
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(order(for: filter))
            LIMIT $\(parameters.count + 1)::int
            """
        return (sql, parameters + [.integer(Int64(limit))])
    }

    /// Only the filters given become conditions, each with a `$n` parameter: no `$1 IS NULL OR …`
    /// shapes, which a generic plan cannot use an index for.
    static func conditions(_ filter: PayoutFilter, after cursor: Cursor?) -> ([String], [PostgresValue]) {
        var conditions: [String] = []
        var parameters: [PostgresValue] = []
        func add(_ condition: (String) -> String, _ value: PostgresValue) {
            parameters.append(value)
            conditions.append(condition("$\(parameters.count)"))
        }
        let lead = leadColumn(for: filter)
        func match(_ column: String, _ value: String) {
            if column == lead {
                add({ "\(column) = ANY(\($0)::text[])" }, .text(ArrayLiteral.text([value])))
            } else {
                add({ "\(column) = \($0)" }, .text(value))
            }
        }
        let micros = { (p: String) in "timestamptz 'epoch' + \(p)::bigint * interval '1 microsecond'" }
        if let status = filter.status { match("status", status.rawValue) }
        if let provider = filter.provider { match("provider", provider.rawValue) }
        if let bank = filter.bank { match("bank", bank) }
        if let reference = filter.reference { add({ "reference = \($0)" }, .text(reference)) }
        if let from = filter.createdFrom { add({ "created_at >= \(micros($0))" }, .integer(from.microsecondsSinceEpoch)) }
        if let to = filter.createdTo { add({ "created_at < \(micros($0))" }, .integer(to.microsecondsSinceEpoch)) }
        if let minimum = filter.minAmount { add({ "amount >= \($0)::bigint" }, .integer(minimum.rupiah)) }
        if let maximum = filter.maxAmount { add({ "amount <= \($0)::bigint" }, .integer(maximum.rupiah)) }
        if let cursor {
            parameters.append(.integer(cursor.time))
            parameters.append(.text(cursor.id))
            conditions.append("(created_at, id) < (\(micros("$\(parameters.count - 1)")), $\(parameters.count)::text)")
        }
        return (conditions, parameters)
    }

    /// The newest-first order, led by the filtered column when there is one, so that the
    /// matching (column, created_at, id) index is the only one that gives it.
    ///
    /// The lead column's filter is written `column = ANY($n::text[])` with a one-element array.
    /// With `column = $n` the planner knows the column is constant, drops it from the order,
    /// and then `payouts_created` gives the order too; it guesses the filter is spread evenly
    /// over time and walks that index past every newer row of other values. After a burst of
    /// new `pending` payouts that is tens of thousands of rows: `status=failed` read 38k rows
    /// (25 to 50 ms) where the status index reads 51 (0.3 ms). An `ANY` is not folded into a
    /// constant, so the order keeps the column and the walk cannot happen.
    static func order(for filter: PayoutFilter) -> String {
        (leadColumn(for: filter).map { "\($0), " } ?? "") + "created_at DESC, id DESC"
    }

    static func leadColumn(for filter: PayoutFilter) -> String? {
        filter.status != nil ? "status" : filter.provider != nil ? "provider" : filter.bank != nil ? "bank" : nil
    }

    /// The audit trail, oldest first; nil when the payout does not exist.
    public func events(payoutID: String) async throws -> [PayoutEvent]? {
        try await pool.withConnection { connection in
            guard !(try connection.query("SELECT 1 FROM payouts WHERE id = $1", [.text(payoutID)])).isEmpty else { return nil }
            return try connection.query("""
                SELECT id, status, actor, detail, (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros
                FROM payout_events WHERE payout_id = $1 ORDER BY id
                """, [.text(payoutID)]).map { row in
                PayoutEvent(id: try row.decode("id"), status: try row.decode("status"), actor: try row.decode("actor"),
                            detail: try row.decode("detail"),
                            createdAt: Timestamp(microsecondsSinceEpoch: try row.decode("created_micros")))
            }
        }
    }

    /// Cancels a payout never sent to a provider, with `release` (the ledger's void) in the same
    /// transaction, under the request's Idempotency-Key (`answer` renders the stored answer).
    public func cancel(id: String, actor: String, at time: Timestamp, idempotency: IdempotencyClaim,
                       answer: @escaping @Sendable (StoredPayout) -> [UInt8],
                       release: @escaping @Sendable (PostgresConnection) throws -> Void) async throws -> IdempotentOutcome<CancelOutcome> {
        let directory = directory
        return try await pool.withTransaction { connection in
            try IdempotentWrite.run(idempotency, on: connection) { connection in
                guard let row = try connection.query("SELECT status FROM payouts WHERE id = $1 FOR UPDATE", [.text(id)]).first else {
                    return (.notFound, nil)
                }
                guard let status = PayoutStatus(rawValue: try row.decode("status")) else {
                    throw StoreError.corruptRow(table: "payouts", id: id)
                }
                guard status.isCancellable else { return (.notCancellable(status), nil) }
                guard try connection.query("SELECT 1 FROM payout_attempts WHERE payout_id = $1 LIMIT 1", [.text(id)]).isEmpty else {
                    return (.alreadySent(status), nil)
                }
                let micros = PostgresValue.integer(time.microsecondsSinceEpoch)
                try connection.execute("""
                    WITH u AS (
                        UPDATE payouts SET status = 'cancelled',
                            updated_at = greatest(updated_at, timestamptz 'epoch' + $2::bigint * interval '1 microsecond')
                        WHERE id = $1 RETURNING id, updated_at
                    ), o AS (DELETE FROM outbox WHERE payout_id = $1)
                    INSERT INTO payout_events (payout_id, status, actor, detail, created_at)
                    SELECT id, 'cancelled', $3, 'cancelled by request', updated_at FROM u
                    """, [.text(id), micros, .text(actor)])
                try release(connection)
                let rows = try connection.query("SELECT \(PayoutRecord.columns) FROM payouts WHERE id = $1", [.text(id)])
                let stored = try PayoutRecord.payout(rows[0], directory: directory)
                return (.cancelled(stored), (200, answer(stored)))
            }
        }
    }
}

extension PayoutStore {
    /// Idempotency keys are promised for at least 24 hours; this deletes those older than
    /// `hours` (48 in the gateway), at most `batch` a call so a large backlog never holds a long lock.
    @discardableResult
    public func deleteIdempotencyKeys(olderThanHours hours: Int, batch: Int = 5000) async throws -> Int {
        try await pool.withConnection { connection in
            try connection.execute("""
                DELETE FROM idempotency_keys WHERE ctid IN (
                    SELECT ctid FROM idempotency_keys WHERE created_at < now() - $1::int * interval '1 hour' LIMIT $2::int)
                """, [.integer(Int64(hours)), .integer(Int64(batch))])
        }
    }
}
