/// What the ledger store refused before asking the database.
public enum LedgerStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A page cursor that this store did not produce.
    case malformedCursor
    /// A page size outside `1...LedgerStore.pageSizeMax`.
    case invalidPageSize(Int)
    /// The postings to post or void were no longer pending when updated; retry the operation.
    case concurrentChange
    /// A stored row the ledger cannot read (an unknown account, direction or status).
    case unreadableRow(String)

    /// Safe to show a client: never echoes the cursor.
    public var description: String {
        switch self {
        case .malformedCursor: "the cursor is malformed"
        case .invalidPageSize(let size): "page size \(size) is outside 1...\(LedgerStore.pageSizeMax)"
        case .concurrentChange: "the ledger changed concurrently; retry"
        case .unreadableRow(let what): "a stored ledger row cannot be read: \(what)"
        }
    }
}
