import Ledger
import Postgres
import Store
import TestSupport
import Testing

/// Runs `body` with a pool on a fresh, migrated database, then drops it.
func withLedgerDatabase<T: Sendable>(_ body: (PostgresPool) async throws -> T) async throws -> T {
    let database = try await TestPostgres.makeDatabase()
    let pool = PostgresPool(configuration: try database.configuration(), limits: PoolLimits(size: 2))
    do {
        _ = try await Schema.migrator.migrate(pool)
        let result = try await body(pool)
        await pool.shutdown()
        try await database.drop()
        return result
    } catch {
        await pool.shutdown()
        try? await database.drop()
        throw error
    }
}

/// One ledger request, applied the same way to the in-memory model and to the database.
enum LedgerOperation: Sendable, CustomStringConvertible {
    case fund(provider: String, amount: Int64, id: String)
    case hold(payout: String, amount: Int64, id: String)
    case move(payout: String, provider: String, id: String)
    case post(payout: String, fee: Int64, feeID: String)
    case void(payout: String)

    func apply(to book: inout LedgerBook) throws {
        switch self {
        case .fund(let provider, let amount, let id): try book.fund(provider: provider, amount: amount, id: id)
        case .hold(let payout, let amount, let id): try book.hold(payout: payout, amount: amount, id: id)
        case .move(let payout, let provider, let id): try book.moveHold(payout: payout, to: provider, id: id)
        case .post(let payout, let fee, let feeID): try book.post(payout: payout, fee: fee, feeJournalID: feeID)
        case .void(let payout): try book.void(payout: payout)
        }
    }

    func apply(to store: LedgerStore, on connection: PostgresConnection) throws {
        switch self {
        case .fund(let provider, let amount, let id): try store.fund(provider: provider, amount: amount, id: id, on: connection)
        case .hold(let payout, let amount, let id): try store.hold(payout: payout, amount: amount, id: id, on: connection)
        case .move(let payout, let provider, let id): try store.moveHold(payout: payout, to: provider, id: id, on: connection)
        case .post(let payout, let fee, let feeID):
            try store.post(holdOf: payout, fee: fee, feeJournalID: feeID, on: connection)
        case .void(let payout): try store.void(holdOf: payout, on: connection)
        }
    }

    var description: String {
        switch self {
        case .fund(let provider, let amount, _): "fund \(provider) \(amount)"
        case .hold(let payout, let amount, _): "hold \(payout) \(amount)"
        case .move(let payout, let provider, _): "move \(payout) to \(provider)"
        case .post(let payout, let fee, _): "post \(payout) fee \(fee)"
        case .void(let payout): "void \(payout)"
        }
    }
}

/// Applies `operation` to the model and, in its own transaction, to the database; both must
/// accept it or both refuse it with the same `LedgerError`. Returns the model's error, if any.
@discardableResult
func applyToBoth(
    _ operation: LedgerOperation, book: inout LedgerBook, pool: PostgresPool,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> LedgerError? {
    var modelError: LedgerError?
    do {
        try operation.apply(to: &book)
    } catch let error as LedgerError {
        modelError = error
    }
    let store = LedgerStore()
    var storeError: LedgerError?
    do {
        try await pool.withTransaction { connection in try operation.apply(to: store, on: connection) }
    } catch let error as LedgerError {
        storeError = error
    }
    #expect(storeError == modelError, "\(operation)", sourceLocation: sourceLocation)
    return modelError
}

/// The database's balances equal the model's, account by account.
func expectBalancesMatch(_ book: LedgerBook, _ pool: PostgresPool, sourceLocation: SourceLocation = #_sourceLocation)
    async throws
{
    let stored = try await pool.withConnection { connection in try LedgerStore().balances(on: connection) }
    #expect(stored == book.balances, sourceLocation: sourceLocation)
}
