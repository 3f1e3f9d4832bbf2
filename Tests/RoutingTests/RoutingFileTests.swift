import Payouts
import Testing
@testable import Routing

@Suite struct RoutingFileTests {
    static func load(_ text: String) throws(RoutingFileError) -> RoutingConfiguration {
        try RoutingConfiguration.load(json: Array(text.utf8), over: .defaults)
    }

    @Test func appliesAGoodFile() throws {
        let configuration = try Self.load("""
        {"disabled_banks": ["146"],
         "holidays": {"add": ["2026-06-09"], "remove": ["2026-12-24"]},
         "providers": {
           "duitku": {"priority": 7, "online_caps": {"BCA": "60000000.00"}, "disabled_banks": ["permata"],
                      "clearings": {"bifast": {"fee": 2000, "max": 200000000},
                                    "llg": {"window": {"opens": "08:00", "closes": "14:30"}},
                                    "h2h": {"enabled": false}}},
           "durianpay": {"enabled": false}}}
        """)
        let duitku = configuration.capabilities.providers[.duitku]!
        #expect(duitku.priority == 7)
        #expect(duitku.onlineCaps["bca"] == Fixture.rupiah(60_000_000))
        #expect(duitku.disabledBanks == ["permata"])
        #expect(duitku.clearings[.bifast]?.fee == Fixture.rupiah(2_000))
        #expect(duitku.clearings[.llg]?.window == .businessDays(opensMinute: 480, closesMinute: 870))
        #expect(duitku.clearings[.h2h]?.isEnabled == false)
        #expect(configuration.capabilities.providers[.durianpay]?.isEnabled == false)
        #expect(configuration.capabilities.disabledBanks == ["bank_of_india"])
        #expect(!configuration.calendar.isBusinessDay(CivilDate(iso: "2026-06-09")!))
        #expect(configuration.calendar.isBusinessDay(CivilDate(iso: "2026-12-24")!))
    }

    @Test func reportsEveryProblemWithItsPath() {
        do {
            _ = try Self.load("""
            {"disabled_bank": [],
             "holidays": {"add": ["2026-02-30"]},
             "providers": {
               "duitku": {"priority": -1, "amount_min": 1.5,
                          "clearings": {"bifast": {"max": 300000000}, "rtgs": {"min": 100000000},
                                        "auto": {}, "llg": {"window": {"opens": "15:00", "closes": "08:00"}}}},
               "singapay": {"clearings": {"auto": {"fee": -5}}, "disabled_banks": ["nobank"]},
               "paypal": {}}}
            """)
            Issue.record("a bad file loaded")
        } catch {
            let paths = error.problems.map(\.path)
            #expect(paths == [
                "$.disabled_bank",
                "$.holidays.add[0]",
                // Unknown keys of an object are reported as it is opened, before its values.
                "$.providers.paypal",
                "$.providers.duitku.priority",
                "$.providers.duitku.amount_min",
                "$.providers.duitku.clearings.auto",
                "$.providers.duitku.clearings.bifast.max",
                "$.providers.duitku.clearings.rtgs.min",
                "$.providers.duitku.clearings.llg.window",
                "$.providers.singapay.clearings.auto.fee",
                "$.providers.singapay.disabled_banks[0]",
            ])
            #expect(error.description.contains("BI-FAST allows at most 250000000"))
        }
    }

    /// SKN and RTGS run on business days only: a file may narrow their hours, not open them at weekends.
    @Test(arguments: ["llg", "rtgs"])
    func refusesAnAlwaysOpenWindowForBusinessDayRails(clearing: String) {
        do {
            _ = try Self.load(#"{"providers": {"duitku": {"clearings": {"\#(clearing)": {"window": "24/7"}}}}}"#)
            Issue.record("a 24/7 \(clearing) loaded")
        } catch {
            #expect(error.problems.map(\.path) == ["$.providers.duitku.clearings.\(clearing).window"])
        }
    }

    @Test func refusesWhatIsNotJSON() {
        #expect(throws: RoutingFileError.self) { try Self.load("{\"providers\": {,}}") }
        #expect(throws: RoutingFileError.self) { try Self.load("{\"a\": 1} x") }
        #expect(throws: RoutingFileError.self) { try Self.load("{\"disabled_banks\": [\"bca\",]}") }
    }

    @Test func emptyFileKeepsTheDefaults() throws {
        #expect(try Self.load("{}").capabilities == .defaults)
    }
}
