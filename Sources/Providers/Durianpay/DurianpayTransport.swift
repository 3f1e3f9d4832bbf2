import FoundationEssentials
import HTTP
import HTTPClient

/// What came back from one call, split by the only fact that matters when nothing came back:
/// could Durianpay have received it.
enum DurianpayAnswer: Sendable, CustomStringConvertible {
    case answered(ClientResponse)
    case notSent(ClientError.Reason)
    case maybeSent(ClientError.Reason)

    var description: String {
        switch self {
        case .answered(let response): "answered \(response.status.code)"
        case .notSent(let reason): "not sent (\(reason))"
        case .maybeSent(let reason): "maybe sent (\(reason))"
        }
    }
}

extension DurianpayProvider {
    typealias Answer = DurianpayAnswer

    /// One authenticated JSON call to `path` under the base URL [durianpay.md §1.1].
    func send<Body: Encodable>(_ method: HTTPMethod, _ path: String, body: Body?,
                               extraHeaders: [(String, String)] = []) async -> Answer {
        var headers = HTTPHeaders([("Authorization", signer.authorization), ("Accept", "application/json")])
        var bytes: [UInt8] = []
        if let body {
            headers.add("Content-Type", "application/json")
            bytes = encode(body)
        }
        for (name, value) in extraHeaders { headers.add(name, value) }
        let request = ClientRequest(method: method, url: configuration.baseURL + path, headers: headers, body: bytes)
        do {
            return .answered(try await client.send(request))
        } catch {
            switch error {
            case .notSent(let reason): return .notSent(reason)
            case .maybeSent(let reason): return .maybeSent(reason)
            }
        }
    }

    func encode<Body: Encodable>(_ body: Body) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain string structs cannot fail; an empty body would be refused with 400.
        return (try? Array(encoder.encode(body))) ?? []
    }

    func decode<Value: Decodable>(_ type: Value.Type, _ bytes: [UInt8]) -> Value? {
        try? JSONDecoder().decode(type, from: Data(bytes))
    }

    func errorCode(_ response: ClientResponse) -> String? {
        decode(DurianpayErrorBody.self, response.body)?.error_code
    }
}
