import Foundation
import Payouts

/// The small JSON documents kept in jsonb columns: metadata (a flat string map) and failure.
enum FlatJSON {
    static func encode(_ map: [String: String]) -> String {
        if map.isEmpty { return "{}" }
        let data = try? JSONSerialization.data(withJSONObject: map, options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decodeStringMap(_ text: String?) -> [String: String]? {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        return object.compactMapValues { $0 as? String }
    }

    static func encode(_ failure: PayoutFailure) -> String {
        var object: [String: Any] = ["code": failure.code.rawValue, "message": failure.message, "retryable": failure.isRetryable]
        if let provider = failure.provider { object["provider"] = provider.rawValue }
        if let code = failure.providerCode { object["provider_code"] = code }
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decodeFailure(_ text: String) -> PayoutFailure? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let code = (object["code"] as? String).flatMap(FailureCode.init(rawValue:)) else { return nil }
        return PayoutFailure(code: code, message: object["message"] as? String ?? "",
                             provider: (object["provider"] as? String).flatMap(ProviderName.init(rawValue:)),
                             providerCode: object["provider_code"] as? String,
                             isRetryable: object["retryable"] as? Bool ?? false)
    }
}
