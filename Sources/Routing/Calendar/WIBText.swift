import Payouts

/// How reasons and JSON write instants: in WIB, the time operators and providers speak.
extension BusinessCalendar {
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "10:42".
    public func clockText(_ instant: Timestamp) -> String {
        Self.clockText(minute: minuteOfDay(of: instant))
    }

    /// "Mon 08:00 WIB (2026-03-23)": the weekday first, as a person reads a schedule.
    public func openingText(_ instant: Timestamp) -> String {
        let date = date(of: instant)
        return "\(Self.weekdayNames[date.weekday]) \(clockText(instant)) WIB (\(date))"
    }

    /// RFC 3339 with the WIB offset, whole seconds: "2026-03-23T08:00:00+07:00".
    public static func rfc3339(_ instant: Timestamp) -> String {
        let local = instant.microsecondsSinceEpoch.floorDivided(by: 1_000_000) + Self.wibOffsetSeconds
        let seconds = Int(local.floorModulo(60))
        let minute = Int(local.floorDivided(by: 60).floorModulo(Int64(Self.minutesPerDay)))
        let day = CivilDate(daysSinceEpoch: Int(local.floorDivided(by: 86_400)))
        return "\(day)T\(clockText(minute: minute)):\(CivilDate.twoDigits(seconds))+07:00"
    }

    static func clockText(minute: Int) -> String {
        "\(CivilDate.twoDigits(minute / 60)):\(CivilDate.twoDigits(minute % 60))"
    }
}
