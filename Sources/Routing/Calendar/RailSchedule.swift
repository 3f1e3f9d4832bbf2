import Payouts

/// A rail window read against the business calendar: is it open now, and when does it open next.
public struct RailSchedule: Hashable, Sendable {
    /// The window of one provider's rail.
    public var window: RailWindow
    /// The days it counts as business days.
    public var calendar: BusinessCalendar

    /// The schedule of `window` under `calendar`.
    public init(window: RailWindow, calendar: BusinessCalendar) {
        self.window = window
        self.calendar = calendar
    }

    /// The schedule of `provider`'s `clearing`, or nil when the provider does not offer it.
    public init?(of provider: ProviderName, clearing: Clearing, in capabilities: Capabilities,
                 calendar: BusinessCalendar) {
        guard let offer = capabilities.providers[provider]?.clearings[clearing] else { return nil }
        self.init(window: offer.window, calendar: calendar)
    }

    /// Whether an instruction at `instant` is taken now.
    public func isOpen(at instant: Timestamp) -> Bool {
        switch window {
        case .always:
            return true
        case let .businessDays(opens, closes):
            let minute = calendar.minuteOfDay(of: instant)
            return calendar.isBusinessDay(calendar.date(of: instant)) && minute >= opens && minute < closes
        }
    }

    /// The first instant at or after `instant` when the window is open: `instant` itself when
    /// open; otherwise the next opening (the same day's opening time if still ahead, else the
    /// next business day's). Nil only when no business day exists within 400 days.
    public func nextOpening(after instant: Timestamp) -> Timestamp? {
        guard case let .businessDays(opens, _) = window else { return instant }
        if isOpen(at: instant) { return instant }
        let today = calendar.date(of: instant)
        let startDay = calendar.minuteOfDay(of: instant) < opens ? today : today.next
        return calendar.businessDay(onOrAfter: startDay).map { calendar.instant(on: $0, minute: opens) }
    }

    /// Why the window is closed at `instant` (e.g. "weekend", "after 15:00 WIB"), nil when open.
    func closedBecause(at instant: Timestamp) -> String? {
        guard case let .businessDays(opens, closes) = window, !isOpen(at: instant) else { return nil }
        if let closure = calendar.closure(of: calendar.date(of: instant)) { return closure }
        let minute = calendar.minuteOfDay(of: instant)
        return minute < opens ? "before \(BusinessCalendar.clockText(minute: opens)) WIB"
            : "from \(BusinessCalendar.clockText(minute: closes)) WIB"
    }
}
