import JSON
import Payouts

/// Capabilities and calendar after ROUTING_FILE: what the gateway routes with.
///
/// ROUTING_FILE is one JSON object; every key is optional and anything it does not name keeps the
/// default. Unknown keys are errors. Amounts are whole rupiah (integer or decimal string, never a
/// fraction); times are WIB; banks may be named by any code the bank directory knows.
///
/// ```json
/// {
///   "disabled_banks": ["bank_of_india"],
///   "holidays": { "add": ["2026-12-31"], "remove": ["2026-12-24"] },
///   "providers": {
///     "duitku": {
///       "enabled": true,
///       "priority": 1,
///       "amount_min": 10000,
///       "amount_max": "5000000000",
///       "disabled_banks": ["permata"],
///       "online_caps": { "bca": 50000000, "1011": 20000000 },
///       "ewallet_cap": 20000000,
///       "clearings": {
///         "bifast": { "fee": 2500, "max": 250000000 },
///         "llg": { "fee": 2900, "window": { "opens": "08:00", "closes": "14:30" } },
///         "h2h": { "enabled": false }
///       }
///     },
///     "durianpay": { "enabled": false }
///   }
/// }
/// ```
///
/// Per clearing: `enabled`, `fee`, `min`, `max`, `window` (`"24/7"` or opens/closes). A clearing the
/// provider does not offer cannot be added, and no limit may exceed the rail's law (`RailLaw`):
/// BI-FAST max ≤ 250,000,000, LLG max ≤ 1,000,000,000, RTGS min ≥ 100,000,001.
public struct RoutingConfiguration: Hashable, Sendable {
    /// The providers' capabilities with the file applied.
    public var capabilities: Capabilities
    /// The business calendar with the file's holiday changes applied.
    public var calendar: BusinessCalendar

    /// The shipped defaults: `Capabilities.defaults` and the Indonesian calendar.
    public static let defaults = RoutingConfiguration(capabilities: .defaults, calendar: .indonesia)

    /// Given capabilities and calendar as they are.
    public init(capabilities: Capabilities, calendar: BusinessCalendar) {
        self.capabilities = capabilities
        self.calendar = calendar
    }

    /// Applies a ROUTING_FILE document over the defaults; throws every problem at once.
    public static func load(json: [UInt8], over defaults: Capabilities = .defaults,
                            calendar: BusinessCalendar = .indonesia,
                            directory: BankDirectory = .standard) throws(RoutingFileError) -> RoutingConfiguration {
        let document: JSONValue
        do {
            document = try JSONReader.parse(json, depthMax: 32)
        } catch {
            throw RoutingFileError(problems: [.init(path: "$", message: "not JSON at byte \(error.offset): \(error.message)")])
        }
        var reader = RoutingFileReader(directory: directory)
        var configuration = RoutingConfiguration(capabilities: defaults, calendar: calendar)
        for (key, value) in reader.members(document, at: "$", allowed: ["disabled_banks", "holidays", "providers"]) {
            switch key {
            case "disabled_banks":
                if let ids = reader.bankIDs(value, at: "$.disabled_banks") { configuration.capabilities.disabledBanks = ids }
            case "holidays":
                configuration.applyHolidays(value, reader: &reader)
            default:
                configuration.applyProviders(value, reader: &reader)
            }
        }
        guard reader.problems.isEmpty else { throw RoutingFileError(problems: reader.problems) }
        return configuration
    }

    mutating func applyHolidays(_ value: JSONValue, reader: inout RoutingFileReader) {
        for (key, list) in reader.members(value, at: "$.holidays", allowed: ["add", "remove"]) {
            for date in reader.dates(list, at: "$.holidays.\(key)") {
                calendar.holidays[date] = key == "add" ? "holiday from ROUTING_FILE" : nil
            }
        }
    }

    mutating func applyProviders(_ value: JSONValue, reader: inout RoutingFileReader) {
        let names = ProviderName.allCases.map(\.rawValue)
        for (key, body) in reader.members(value, at: "$.providers", allowed: names) {
            guard let name = ProviderName(rawValue: key) else { continue }
            let path = "$.providers.\(key)"
            guard var capability = capabilities.providers[name] else {
                reader.report(path, "\(key) has no capabilities to override")
                continue
            }
            capability.apply(body, at: path, reader: &reader)
            capabilities.providers[name] = capability
        }
    }
}
