// Indonesian non-working days shipped with the gateway. ROUTING_FILE `holidays.add` / `.remove`
// corrects them without a rebuild; BI's own operating-day announcements are the authority
// (clearing-rules.md §4: "the exact list of BI holidays must be taken from BI announcements").
//
// Source and uncertainty:
// - 2026: national holidays and collective leave (cuti bersama) as recalled from the joint
//   ministerial decree (SKB 3 Menteri) for 2026, from general public knowledge, not from a stored
//   document. Lunar-calendar dates (Islamic, Chinese, Balinese, Buddhist) may shift by a day after
//   the government's sighting (sidang isbat). Verify against the decree before relying on them.
// - 2027: no decree known to us; dates are ESTIMATES from the lunar calendars and the fixed
//   Christian and civil dates. Collective leave for 2027 is not included at all.
// Banks have closed on collective-leave days around Idul Fitri and Christmas in past years, so they
// are listed as non-working; a bank that clears on one can be removed with `holidays.remove`.

extension BusinessCalendar {
    /// Weekends plus the 2026 and 2027 holidays below.
    public static let indonesia = BusinessCalendar(holidays: Dictionary(
        uniqueKeysWithValues: (holidays2026 + holidays2027).map { entry in
            guard let date = CivilDate(iso: entry.date) else { preconditionFailure("bad holiday \(entry.date)") }
            return (date, entry.name)
        }
    ))

    static let holidays2026: [(date: String, name: String)] = [
        ("2026-01-01", "New Year"),
        ("2026-01-16", "Isra Mi'raj"),
        ("2026-02-16", "collective leave, Chinese New Year"),
        ("2026-02-17", "Chinese New Year 2577"),
        ("2026-03-18", "collective leave, Nyepi"),
        ("2026-03-19", "Nyepi, Saka 1948"),
        ("2026-03-20", "Idul Fitri 1447 H"),
        ("2026-03-21", "Idul Fitri 1447 H"),
        ("2026-03-23", "collective leave, Idul Fitri"),
        ("2026-03-24", "collective leave, Idul Fitri"),
        ("2026-04-03", "Good Friday"),
        ("2026-04-05", "Easter"),
        ("2026-05-01", "Labour Day"),
        ("2026-05-14", "Ascension of Jesus"),
        ("2026-05-15", "collective leave, Ascension"),
        ("2026-05-27", "Idul Adha 1447 H"),
        ("2026-05-28", "collective leave, Idul Adha"),
        ("2026-05-31", "Vesak"),
        ("2026-06-01", "Pancasila Day"),
        ("2026-06-16", "Islamic New Year 1448 H"),
        ("2026-08-17", "Independence Day"),
        ("2026-08-25", "Prophet's Birthday (Maulid)"),
        ("2026-12-24", "collective leave, Christmas"),
        ("2026-12-25", "Christmas"),
    ]

    static let holidays2027: [(date: String, name: String)] = [
        ("2027-01-01", "New Year"),
        ("2027-01-05", "Isra Mi'raj (estimated)"),
        ("2027-02-06", "Chinese New Year 2578"),
        ("2027-03-09", "Nyepi, Saka 1949 (estimated)"),
        ("2027-03-10", "Idul Fitri 1448 H (estimated)"),
        ("2027-03-11", "Idul Fitri 1448 H (estimated)"),
        ("2027-03-26", "Good Friday"),
        ("2027-03-28", "Easter"),
        ("2027-05-01", "Labour Day"),
        ("2027-05-06", "Ascension of Jesus"),
        ("2027-05-17", "Idul Adha 1448 H (estimated)"),
        ("2027-05-20", "Vesak (estimated)"),
        ("2027-06-01", "Pancasila Day"),
        ("2027-06-06", "Islamic New Year 1449 H (estimated)"),
        ("2027-08-15", "Prophet's Birthday (Maulid) (estimated)"),
        ("2027-08-17", "Independence Day"),
        ("2027-12-25", "Christmas"),
    ]
}
