/// A keyset pagination position: the last row's time (microseconds) and id. Opaque to
/// clients: `t<micros>.<id>` in URL-safe characters.
public struct Cursor: Sendable, Equatable {
    public var time: Int64
    public var id: String

    public init(time: Int64, id: String) {
        self.time = time
        self.id = id
    }

    public var encoded: String { "\(time).\(id)" }

    /// 9999-12-31T23:59:59.999999Z: PostgreSQL's intervals and timestamps end near there, so a
    /// later time (made up, never one of ours) would be a database error instead of a 400.
    static let latestTime: Int64 = 253_402_300_799_999_999

    /// Nil for anything this store did not make.
    public init?(encoded text: String) {
        guard text.utf8.count <= 200, let dot = text.firstIndex(of: "."),
              let time = Int64(text[..<dot]), (0...Self.latestTime).contains(time) else { return nil }
        let id = String(text[text.index(after: dot)...])
        guard !id.isEmpty, id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        self.init(time: time, id: id)
    }
}
