import FoundationEssentials
import Payouts

/// The small JSON documents kept in jsonb columns: metadata (a flat string map) and failure.
enum FlatJSON {
    static func encode(_ map: [String: String]) -> String {
        if map.isEmpty { return "{}" }
        return text(of: map)
    }

    /// The string members of a stored object; members of other types are left out.
    static func decodeStringMap(_ text: String?) -> [String: String]? {
        guard let text, let object = try? JSONDecoder().decode([String: StringMember].self, from: Data(text.utf8)) else { return nil }
        return object.compactMapValues(\.text)
    }

    static func encode(_ failure: PayoutFailure) -> String {
        text(of: StoredFailure(failure))
    }

    static func decodeFailure(_ text: String) -> PayoutFailure? {
        guard let stored = try? JSONDecoder().decode(StoredFailure.self, from: Data(text.utf8)),
              let code = stored.code.flatMap(FailureCode.init(rawValue:)) else { return nil }
        return PayoutFailure(code: code, message: stored.message ?? "",
                             provider: stored.provider.flatMap(ProviderName.init(rawValue:)),
                             providerCode: stored.providerCode, isRetryable: stored.retryable ?? false)
    }

    private static func text(of value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// Any JSON value, keeping its text when it is a string.
private struct StringMember: Decodable {
    let text: String?

    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}

/// A failure as stored; a member of another type than expected reads as absent.
private struct StoredFailure: Codable {
    var code: String?
    var message: String?
    var retryable: Bool?
    var provider: String?
    var providerCode: String?

    enum CodingKeys: String, CodingKey {
        case code, message, retryable, provider
        case providerCode = "provider_code"
    }

    init(_ failure: PayoutFailure) {
        code = failure.code.rawValue
        message = failure.message
        retryable = failure.isRetryable
        provider = failure.provider?.rawValue
        providerCode = failure.providerCode
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try? container.decodeIfPresent(String.self, forKey: .code)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
        retryable = try? container.decodeIfPresent(Bool.self, forKey: .retryable)
        provider = try? container.decodeIfPresent(String.self, forKey: .provider)
        providerCode = try? container.decodeIfPresent(String.self, forKey: .providerCode)
    }
}
