import JSON
import Payouts

/// Typed reads from a parsed ROUTING_FILE that record a problem instead of stopping, so one
/// load reports every mistake.
struct RoutingFileReader {
    let directory: BankDirectory
    private(set) var problems: [RoutingFileError.Problem] = []

    mutating func report(_ path: String, _ message: String) {
        problems.append(RoutingFileError.Problem(path: path, message: message))
    }

    /// The members of an object, refusing unknown and repeated keys (a typo must not be ignored).
    mutating func members(_ value: JSONValue, at path: String, allowed: [String]) -> [(key: String, value: JSONValue)] {
        guard case let .object(members) = value else {
            report(path, "expected an object, found \(value.kindName)")
            return []
        }
        var seen = Set<String>()
        var accepted: [(key: String, value: JSONValue)] = []
        for member in members {
            let memberPath = "\(path).\(member.key)"
            if !seen.insert(member.key).inserted {
                report(memberPath, "key appears twice")
            } else if !allowed.contains(member.key) {
                report(memberPath, "unknown key; allowed: \(allowed.joined(separator: ", "))")
            } else {
                accepted.append((member.key, member.value))
            }
        }
        return accepted
    }

    mutating func bool(_ value: JSONValue, at path: String) -> Bool? {
        guard case let .bool(flag) = value else { report(path, "expected true or false, found \(value.kindName)"); return nil }
        return flag
    }

    mutating func integer(_ value: JSONValue, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard case let .number(text) = value, let number = Int(text), range.contains(number) else {
            report(path, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    /// Whole rupiah, as a JSON integer or a decimal string ("150000", "150000.00"); never a float.
    mutating func money(_ value: JSONValue, at path: String) -> Money? {
        let text: String
        switch value {
        case let .number(digits), let .string(digits): text = digits
        default: report(path, "expected an amount in whole rupiah, found \(value.kindName)"); return nil
        }
        switch Money.parse(text) {
        case let .success(money): return money
        case let .failure(problem): report(path, "invalid amount \"\(text)\" (\(problem))"); return nil
        }
    }

    /// Bank directory ids from any code the directory knows ("014", "bca", "CENAIDJA").
    mutating func bankIDs(_ value: JSONValue, at path: String) -> Set<String>? {
        guard case let .array(elements) = value else { report(path, "expected an array of bank codes"); return nil }
        var ids = Set<String>()
        for (index, element) in elements.enumerated() {
            if let id = bankID(element, at: "\(path)[\(index)]") { ids.insert(id) }
        }
        return ids
    }

    mutating func bankID(_ value: JSONValue, at path: String) -> String? {
        guard case let .string(code) = value else { report(path, "expected a bank code string"); return nil }
        guard let bank = directory.lookup(code) else { report(path, "unknown bank \"\(code)\""); return nil }
        return bank.id
    }

    mutating func dates(_ value: JSONValue, at path: String) -> [CivilDate] {
        guard case let .array(elements) = value else { report(path, "expected an array of YYYY-MM-DD dates"); return [] }
        return elements.enumerated().compactMap { index, element in
            guard case let .string(text) = element, let date = CivilDate(iso: text) else {
                report("\(path)[\(index)]", "expected a date as YYYY-MM-DD")
                return nil
            }
            return date
        }
    }

    /// `"24/7"` or `{"opens": "08:00", "closes": "15:00"}` (WIB, business days).
    mutating func window(_ value: JSONValue, at path: String) -> RailWindow? {
        if case .string("24/7") = value { return .always }
        guard case .object = value else { report(path, "expected \"24/7\" or {\"opens\": \"HH:MM\", \"closes\": \"HH:MM\"}"); return nil }
        var opens: Int?
        var closes: Int?
        for (key, member) in members(value, at: path, allowed: ["opens", "closes"]) {
            let minute = clockMinute(member, at: "\(path).\(key)")
            if key == "opens" { opens = minute } else { closes = minute }
        }
        guard let opens, let closes else {
            if problems.last?.path.hasPrefix(path) != true { report(path, "both opens and closes are required") }
            return nil
        }
        guard opens < closes else { report(path, "opens must be before closes"); return nil }
        return .businessDays(opensMinute: opens, closesMinute: closes)
    }

    private mutating func clockMinute(_ value: JSONValue, at path: String) -> Int? {
        guard case let .string(text) = value else { report(path, "expected \"HH:MM\""); return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour), (0...59).contains(minute),
              hour * 60 + minute <= 24 * 60 else {
            report(path, "expected \"HH:MM\" between 00:00 and 24:00")
            return nil
        }
        return hour * 60 + minute
    }
}
