/// When a rail takes instructions at one provider, in WIB.
public enum RailWindow: Hashable, Sendable {
    /// Every hour of every day, holidays included (BI-FAST, online transfer [seed-004][doku-fin]).
    case always
    /// Business days only, from `opens` (inclusive) to `closes` (exclusive), minutes after
    /// midnight WIB; an instruction at exactly `closes` waits for the next business day.
    case businessDays(opensMinute: Int, closesMinute: Int)

    /// Duitku's LLG and RTGS window, "08:00–15:00 on business days" [seed-004]; other providers'
    /// cut-offs are similar (Midtrans 15:00 [midtrans-cot]).
    public static let biBusinessHours = RailWindow.businessDays(opensMinute: 8 * 60, closesMinute: 15 * 60)
}
