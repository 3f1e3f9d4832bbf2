import JSON
import Payouts

extension ProviderCapability {
    static let fileKeys = ["enabled", "priority", "amount_min", "amount_max", "disabled_banks",
                           "online_caps", "ewallet_cap", "clearings"]

    /// Applies one `providers.<name>` object of ROUTING_FILE.
    mutating func apply(_ body: JSONValue, at path: String, reader: inout RoutingFileReader) {
        for (key, value) in reader.members(body, at: path, allowed: Self.fileKeys) {
            let keyPath = "\(path).\(key)"
            switch key {
            case "enabled": isEnabled = reader.bool(value, at: keyPath) ?? isEnabled
            case "priority": priority = reader.integer(value, at: keyPath, in: 0...1000) ?? priority
            case "amount_min": amountMinimum = reader.money(value, at: keyPath) ?? amountMinimum
            case "amount_max": amountMaximum = reader.money(value, at: keyPath) ?? amountMaximum
            case "disabled_banks": disabledBanks = reader.bankIDs(value, at: keyPath) ?? disabledBanks
            case "ewallet_cap": ewalletCapFallback = reader.money(value, at: keyPath) ?? ewalletCapFallback
            case "online_caps": applyOnlineCaps(value, at: keyPath, reader: &reader)
            default: applyClearings(value, at: keyPath, reader: &reader)
            }
        }
        if let low = amountMinimum, let high = amountMaximum, low > high {
            reader.report("\(path).amount_min", "\(low.rupiah) is above amount_max \(high.rupiah)")
        }
    }

    private mutating func applyOnlineCaps(_ value: JSONValue, at path: String, reader: inout RoutingFileReader) {
        guard case let .object(members) = value else { reader.report(path, "expected an object of bank: amount"); return }
        for member in members {
            let memberPath = "\(path).\(member.key)"
            guard let id = reader.bankID(.string(member.key), at: memberPath) else { continue }
            if let cap = reader.money(member.value, at: memberPath) { onlineCaps[id] = cap }
        }
    }

    private mutating func applyClearings(_ value: JSONValue, at path: String, reader: inout RoutingFileReader) {
        let offered = Clearing.allCases.filter { clearings[$0] != nil }.map(\.rawValue)
        for (key, body) in reader.members(value, at: path, allowed: offered) {
            guard let clearing = Clearing(rawValue: key), var offer = clearings[clearing] else { continue }
            offer.apply(body, clearing: clearing, at: "\(path).\(key)", reader: &reader)
            clearings[clearing] = offer
        }
    }
}

extension ClearingOffer {
    /// Applies one `clearings.<name>` object, refusing limits looser than the rail's law.
    mutating func apply(_ body: JSONValue, clearing: Clearing, at path: String, reader: inout RoutingFileReader) {
        for (key, value) in reader.members(body, at: path, allowed: ["enabled", "fee", "min", "max", "window"]) {
            let keyPath = "\(path).\(key)"
            switch key {
            case "enabled": isEnabled = reader.bool(value, at: keyPath) ?? isEnabled
            case "fee": fee = reader.money(value, at: keyPath) ?? fee
            case "min": minimum = reader.money(value, at: keyPath) ?? minimum
            case "max": maximum = reader.money(value, at: keyPath) ?? maximum
            default: window = reader.window(value, at: keyPath) ?? window
            }
        }
        checkLaw(clearing, at: path, reader: &reader)
    }

    private func checkLaw(_ clearing: Clearing, at path: String, reader: inout RoutingFileReader) {
        if let low = minimum, let high = maximum, low > high {
            reader.report("\(path).min", "\(low.rupiah) is above max \(high.rupiah)")
        }
        switch clearing {
        case .bifast where maximum.map({ $0 > RailLaw.bifastMaximum }) ?? true:
            reader.report("\(path).max", "BI-FAST allows at most \(RailLaw.bifastMaximum.rupiah) [bifast-250]")
        case .llg where maximum.map({ $0 > RailLaw.llgMaximum }) ?? true:
            reader.report("\(path).max", "LLG/SKN allows at most \(RailLaw.llgMaximum.rupiah) [batampos-2019]")
        case .rtgs where minimum.map({ $0 < RailLaw.rtgsMinimum }) ?? true:
            reader.report("\(path).min", "RTGS takes only amounts above 100000000 (min \(RailLaw.rtgsMinimum.rupiah)) [kompas-2016]")
        default:
            break
        }
        // SKN and RTGS run on business days only (clearing-rules.md §1): a window can narrow the
        // hours, not open the rail on weekends and holidays.
        if clearing == .llg || clearing == .rtgs, window == .always {
            reader.report("\(path).window", "\(clearing == .llg ? "LLG/SKN" : "RTGS") runs on business days only; give opens and closes")
        }
    }
}
