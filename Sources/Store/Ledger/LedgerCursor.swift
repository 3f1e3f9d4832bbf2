/// Where a page of ledger entries ended: the last entry's creation time and id, the keyset of
/// the order `created_at DESC, id DESC`. Clients see only `string` and pass it back unchanged.
public struct LedgerCursor: Sendable, Hashable {
    /// Microseconds since 1970 of the last entry's `created_at` (PostgreSQL's precision).
    let createdAtMicros: Int64
    /// The last entry's id.
    let id: Int64

    init(createdAtMicros: Int64, id: Int64) {
        self.createdAtMicros = createdAtMicros
        self.id = id
    }

    /// Reads a cursor string this store produced; anything else is `LedgerStoreError.malformedCursor`.
    public init(_ string: String) throws(LedgerStoreError) {
        // "c" + base-36 micros + "." + base-36 id, canonical only, so one position has one spelling.
        guard string.utf8.count <= 40, string.hasPrefix("c") else { throw .malformedCursor }
        let parts = string.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let micros = Int64(parts[0], radix: 36), let id = Int64(parts[1], radix: 36),
            (0...Cursor.latestTime).contains(micros), id > 0
        else { throw .malformedCursor }
        self.init(createdAtMicros: micros, id: id)
        guard self.string == string else { throw .malformedCursor }
    }

    /// The opaque text to hand to clients as `next_cursor`.
    public var string: String {
        "c" + String(createdAtMicros, radix: 36) + "." + String(id, radix: 36)
    }
}
