import Payouts

/// Indonesian business days and WIB wall-clock time, without reading any clock or time zone.
///
/// A business day is a Bank Indonesia operating day: Monday to Friday, except national holidays
/// and collective leave (clearing-rules.md, header). All times are WIB, UTC+7 with no daylight
/// saving, whatever the server's zone; the offset is fixed here rather than read from tzdata so
/// that a misconfigured host cannot move a cut-off.
public struct BusinessCalendar: Hashable, Sendable {
    /// WIB is UTC+7 all year.
    public static let wibOffsetSeconds: Int64 = 7 * 3600
    static let microsecondsPerMinute: Int64 = 60_000_000
    static let minutesPerDay = 24 * 60

    /// Non-working weekdays and what they are, e.g. 2026-03-20 "Idul Fitri 1447 H".
    public var holidays: [CivilDate: String]

    /// A calendar with the given holidays (weekends are always non-working).
    public init(holidays: [CivilDate: String]) {
        self.holidays = holidays
    }

    /// Whether banks clear on `date`.
    public func isBusinessDay(_ date: CivilDate) -> Bool {
        !date.isWeekend && holidays[date] == nil
    }

    /// Why `date` is not a business day, or nil when it is.
    public func closure(of date: CivilDate) -> String? {
        if let name = holidays[date] { return "holiday \(date) (\(name))" }
        return date.isWeekend ? "weekend" : nil
    }

    /// The WIB date of an instant.
    public func date(of instant: Timestamp) -> CivilDate {
        CivilDate(daysSinceEpoch: Int(Self.wibMinutes(of: instant).floorDivided(by: Int64(Self.minutesPerDay))))
    }

    /// Minutes after WIB midnight, 0...1439.
    public func minuteOfDay(of instant: Timestamp) -> Int {
        Int(Self.wibMinutes(of: instant).floorModulo(Int64(Self.minutesPerDay)))
    }

    /// The instant of `minute` after WIB midnight on `date`.
    public func instant(on date: CivilDate, minute: Int) -> Timestamp {
        let wibMinutes = Int64(date.daysSinceEpoch) * Int64(Self.minutesPerDay) + Int64(minute)
        let utcMicroseconds = (wibMinutes * 60 - Self.wibOffsetSeconds) * 1_000_000
        return Timestamp(microsecondsSinceEpoch: utcMicroseconds)
    }

    /// The first business day on or after `date`; bounded so a calendar of all holidays cannot hang.
    public func businessDay(onOrAfter date: CivilDate) -> CivilDate? {
        var day = date
        for _ in 0..<400 {
            if isBusinessDay(day) { return day }
            day = day.next
        }
        return nil
    }

    /// Whole WIB minutes since the epoch (flooring, so an instant inside a minute is that minute).
    static func wibMinutes(of instant: Timestamp) -> Int64 {
        (instant.microsecondsSinceEpoch + wibOffsetSeconds * 1_000_000).floorDivided(by: microsecondsPerMinute)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, so instants before 1970 still land in the right day.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder matching `floorDivided(by:)`, always in `0..<divisor` for a positive divisor.
    func floorModulo(_ divisor: Int64) -> Int64 {
        self - floorDivided(by: divisor) * divisor
    }
}
