import Payouts
import Testing
@testable import Routing

@Suite struct CalendarTests {
    @Test func civilDatesRoundTripThroughDayCounts() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
        }
        #expect(CivilDate(iso: "1970-01-01")?.weekday == 3)
        #expect(CivilDate(iso: "2026-06-09")?.weekday == 1)
        #expect(CivilDate(iso: "2026-02-29") == nil)
        #expect(CivilDate(iso: "2028-02-29") != nil)
    }

    @Test func readsWIBWhateverTheServerZone() {
        // 2026-06-09T01:00:00Z is 08:00 WIB; no time zone database is consulted.
        let instant = Timestamp(secondsSinceEpoch: 1_780_966_800)
        let calendar = BusinessCalendar.indonesia
        #expect(calendar.date(of: instant).description == "2026-06-09")
        #expect(calendar.minuteOfDay(of: instant) == 8 * 60)
        #expect(BusinessCalendar.rfc3339(instant) == "2026-06-09T08:00:00+07:00")
        // 17:00Z on Monday is already 00:00 Tuesday in WIB.
        let lateUTC = Timestamp(secondsSinceEpoch: 1_780_966_800 - 8 * 3600)
        #expect(calendar.date(of: lateUTC).description == "2026-06-09")
        #expect(calendar.clockText(lateUTC) == "00:00")
    }

    @Test(arguments: [
        ("2026-06-09", true), ("2026-06-13", false), ("2026-06-14", false),
        ("2026-08-17", false), ("2026-03-20", false), ("2026-12-25", false), ("2027-03-26", false), ("2026-08-18", true),
    ])
    func businessDays(date: String, expected: Bool) {
        #expect(BusinessCalendar.indonesia.isBusinessDay(CivilDate(iso: date)!) == expected)
    }

    @Test(arguments: [
        (8, 0, true), (7, 59, false), (14, 59, true), (15, 0, false), (20, 0, false),
    ])
    func clearingWindowEdges(hour: Int, minute: Int, open: Bool) {
        let schedule = RailSchedule(window: .biBusinessHours, calendar: .indonesia)
        #expect(schedule.isOpen(at: Fixture.tuesday(hour, minute)) == open)
    }

    @Test func fridayEveningOpensMondayMorning() {
        let schedule = RailSchedule(window: .biBusinessHours, calendar: .indonesia)
        #expect(schedule.nextOpening(after: Fixture.wib(2026, 6, 12, 20)) == Fixture.wib(2026, 6, 15, 8))
        #expect(schedule.nextOpening(after: Fixture.tuesday(7, 30)) == Fixture.tuesday(8))
        #expect(schedule.nextOpening(after: Fixture.tuesday(15)) == Fixture.wib(2026, 6, 10, 8))
        // Friday 14 Aug 2026 evening: Monday 17 Aug is Independence Day, so Tuesday 18 Aug.
        #expect(schedule.nextOpening(after: Fixture.wib(2026, 8, 14, 16)) == Fixture.wib(2026, 8, 18, 8))
        let always = RailSchedule(window: .always, calendar: .indonesia)
        #expect(always.nextOpening(after: Fixture.wib(2026, 8, 17, 3)) == Fixture.wib(2026, 8, 17, 3))
    }
}
