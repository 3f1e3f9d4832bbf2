/// One schema change, applied once, in version order.
public struct Migration: Sendable {
    /// Its position; versions must strictly increase through the list.
    public var version: Int
    /// A short name recorded with it.
    public var name: String
    /// One or more statements, run in a single transaction.
    public var sql: String

    /// Makes a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
