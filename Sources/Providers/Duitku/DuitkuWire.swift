import FoundationEssentials
import Payouts

// Request and response bodies spelled as Duitku spells them [seed-004], duitku.md §2.

/// Online or clearing inquiry body; `type` and `custRefNumber` only for clearing (§2.2).
struct DuitkuInquiryRequest: Encodable {
    var userId: Int
    var amountTransfer: Int64
    var bankAccount: String
    var bankCode: String
    var email: String
    var purpose: String
    var timestamp: Int64
    var type: String?
    var custRefNumber: String?
    var signature: String
}

/// Online or clearing transfer body: the inquiry's values sent back, `type` only for clearing.
struct DuitkuTransferRequest: Encodable {
    var disburseId: String
    var userId: Int
    var email: String
    var bankCode: String
    var bankAccount: String
    var amountTransfer: Int64
    var accountName: String
    var custRefNumber: String
    var purpose: String
    var type: String?
    var timestamp: Int64
    var signature: String
}

/// Inquiry status body (§2.3).
struct DuitkuStatusRequest: Encodable {
    var disburseId: String
    var userId: Int
    var email: String
    var timestamp: Int64
    var signature: String
}

/// Check balance and list bank body (§2.4).
struct DuitkuAccountRequest: Encodable {
    var userId: Int
    var email: String
    var timestamp: Int64
    var signature: String
}

/// Every Duitku answer in one lenient shape: each call fills a subset.
struct DuitkuResponse: Decodable {
    var bankCode: String?
    var bankAccount: String?
    var amountTransfer: DuitkuNumber?
    var accountName: String?
    var custRefNumber: String?
    var disburseId: DuitkuNumber?
    var type: String?
    var responseCode: String?
    var responseDesc: String?
    var balance: DuitkuNumber?
    var effectiveBalance: DuitkuNumber?
    var Banks: [DuitkuListedBank]?
}

/// The H2H clearing callback body (§4).
struct DuitkuCallbackBody: Decodable {
    var disburseId: DuitkuNumber
    var email: String
    var bankCode: String
    var bankAccount: String
    var amountTransfer: DuitkuNumber
    var accountName: String
    var custRefNumber: String
    var statusCode: String
    var statusDesc: String?
    var errorMessage: String?
    var signature: String
}

/// One entry of `listBank` (§2.4).
public struct DuitkuListedBank: Decodable, Sendable, Hashable {
    /// BI code, or Duitku's 4-digit e-wallet code.
    public var bankCode: String
    /// The name as Duitku lists it.
    public var bankName: String
    /// Largest amount per transfer, as a decimal string ("50000000").
    public var maxAmountTransfer: String
}

/// A number Duitku sends sometimes as a JSON number (`50000.0`, `12345`) and sometimes as a
/// string (`"12345"`): the inquiry answers `disburseId` as a number, the transfer takes a string.
struct DuitkuNumber: Decodable, Hashable {
    /// The decimal digits as sent, without a trailing `.0`.
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else {
            let decimal = try container.decode(Decimal.self)
            text = "\(decimal)"
        }
    }

    /// The amount exactly; nil when it is not whole rupiah.
    var money: Money? { Money(decimal: text) }

    /// Whole rupiah, truncating any fraction; nil when not a number.
    var rupiah: Int64? {
        let whole = text.split(separator: ".", maxSplits: 1).first.map(String.init) ?? text
        return Int64(whole)
    }
}

/// JSON coding for the wire types.
enum DuitkuJSON {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Encoding our own plain structs cannot fail.
        return Array((try? encoder.encode(value)) ?? Data())
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))
    }
}
