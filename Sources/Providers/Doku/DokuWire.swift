import FoundationEssentials

// Bodies spelled as DOKU spells them [seed-002], doku.md §2.1.

/// The disbursement request and, with `status` and dates filled, DOKU's answer and notification.
struct DokuDisbursement: Codable {
    struct Transaction: Codable {
        var id: String
        var amount: Int64
        var description: String
        var status: String?
        var create_date: String?
        var update_date: String?
    }

    struct SourceAccount: Codable {
        var account_id: String
    }

    struct Destination: Codable {
        var code: String
        var account_bank_number: String
        var account_bank_name: String
        var address: String
    }

    var transaction: Transaction
    var source_account: SourceAccount?
    var account_destination: Destination?
}

/// JSON coding: the encoded bytes are exactly the ones signed and sent.
enum DokuJSON {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data())
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))
    }
}
