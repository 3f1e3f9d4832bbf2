/// Timestamps cross the Store boundary as RFC 3339 UTC text with microseconds, formatted by
/// PostgreSQL itself, so no Foundation date parsing happens on the hot path.
enum SQLTime {
    /// A SELECT expression rendering `column` (timestamptz) as `2026-11-21T05:13:41.752000Z`.
    static func text(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    }
}
