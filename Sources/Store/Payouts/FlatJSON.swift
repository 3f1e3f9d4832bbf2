import JSON
import Payouts

/// The small JSON documents kept in jsonb columns: metadata (a flat string map) and failure.
/// Read with the shared JSON reader and written with its string writer: every payout answer
/// reads them, so they stay off Foundation's coders.
enum FlatJSON {
    /// A compact object, keys sorted (jsonb keeps its own order; sorting keeps the text stable).
    static func encode(_ map: [String: String]) -> String {
        if map.isEmpty { return "{}" }
        return object(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    /// The string members of a stored object; members of other types are left out.
    static func decodeStringMap(_ text: String?) -> [String: String]? {
        guard let text, let members = members(of: text) else { return nil }
        var map: [String: String] = [:]
        for member in members {
            if case .string(let value) = member.value { map[member.key] = value }
        }
        return map
    }

    static func encode(_ failure: PayoutFailure) -> String {
        var members: [(String, Field)] = [("code", .string(failure.code.rawValue))]
        members.append(("message", .string(failure.message)))
        if let provider = failure.provider { members.append(("provider", .string(provider.rawValue))) }
        if let providerCode = failure.providerCode { members.append(("provider_code", .string(providerCode))) }
        members.append(("retryable", .bool(failure.isRetryable)))
        return object(members)
    }

    /// A stored failure; a member of another type than expected reads as absent.
    static func decodeFailure(_ text: String) -> PayoutFailure? {
        guard let members = members(of: text) else { return nil }
        func string(_ key: String) -> String? {
            guard case .string(let value)? = members.last(where: { $0.key == key })?.value else { return nil }
            return value
        }
        guard let code = string("code").flatMap(FailureCode.init(rawValue:)) else { return nil }
        var retryable = false
        if case .bool(let value)? = members.last(where: { $0.key == "retryable" })?.value { retryable = value }
        return PayoutFailure(code: code, message: string("message") ?? "",
                             provider: string("provider").flatMap(ProviderName.init(rawValue:)),
                             providerCode: string("provider_code"), isRetryable: retryable)
    }

    private enum Field {
        case string(String)
        case bool(Bool)
    }

    private static func object(_ members: [(String, Field)]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONString.append(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            switch value {
            case .string(let text): JSONString.append(text, to: &bytes)
            case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
            }
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func members(of text: String) -> [JSONValue.Member]? {
        guard case .object(let members)? = try? JSONReader.parse(Array(text.utf8)) else { return nil }
        return members
    }
}
