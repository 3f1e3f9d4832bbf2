import Payouts
import Store

/// The one shape of a payout on the wire (DESIGN.md, Contract), wherever it is returned.
enum PayoutJSON {
    static func write(_ stored: StoredPayout, unmasked: Bool, into json: inout JSONWriter) {
        var banks = BankJSONCache()
        write(stored, unmasked: unmasked, banks: &banks, into: &json)
    }

    /// As above, with the bank objects of a page written once each.
    static func write(_ stored: StoredPayout, unmasked: Bool, banks: inout BankJSONCache, into json: inout JSONWriter) {
        let payout = stored.payout
        json.object { json in
            json.field("id", payout.id)
            json.field("reference", payout.reference)
            json.field("status", payout.status.rawValue)
            json.field("amount", payout.amount.decimalString)
            json.field("currency", payout.currency.rawValue)
            json.key("beneficiary")
            json.object { json in
                json.key("bank")
                banks.write(payout.beneficiary.bank, into: &json)
                json.field("account_number", unmasked ? payout.beneficiary.accountNumber : payout.maskedAccountNumber)
                json.field("account_name", payout.beneficiary.accountName)
                json.field("email", payout.beneficiary.email)
                json.field("phone", payout.beneficiary.phone)
            }
            json.field("clearing", payout.clearing.rawValue)
            json.field("provider", payout.provider?.rawValue)
            json.field("validate_account", payout.validatesAccount)
            json.key("routing")
            if let routing = stored.routingJSON { json.raw(routing) } else { json.null() }
            json.key("failure")
            if let failure = payout.failure {
                json.object { json in
                    json.field("code", failure.code.rawValue)
                    json.field("message", failure.message)
                    json.field("provider", failure.provider?.rawValue)
                    json.field("provider_code", failure.providerCode)
                    json.field("retryable", failure.isRetryable)
                }
            } else {
                json.null()
            }
            json.field("scheduled_for", payout.scheduledFor)
            json.field("description", payout.description)
            json.key("metadata")
            json.object { json in
                for key in payout.metadata.keys.sorted() { json.field(key, payout.metadata[key]) }
            }
            json.field("created_at", payout.createdAt)
            json.field("updated_at", payout.updatedAt)
        }
    }

    static func bytes(_ stored: StoredPayout, unmasked: Bool) -> [UInt8] {
        var json = JSONWriter()
        write(stored, unmasked: unmasked, into: &json)
        return json.bytes
    }
}

/// A bank answered under every scheme it has.
enum BankJSON {
    static func write(_ bank: Bank, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", bank.id)
            json.field("name", bank.name)
            json.field("kind", bank.kind == .bank ? "bank" : "ewallet")
            json.field("bi_code", bank.biCode)
            json.field("swift_code", bank.swiftCode)
            json.field("durianpay_code", bank.durianpayCode)
            json.field("duitku_wallet_code", bank.duitkuWalletCode)
            json.field("bifast", bank.isBIFastParticipant)
        }
    }
}

/// The bank objects written so far, by bank id: the payouts of a page share a few banks, and
/// each object is eight fields to escape and copy.
struct BankJSONCache {
    private var written: [String: [UInt8]] = [:]

    mutating func write(_ bank: Bank, into json: inout JSONWriter) {
        if let bytes = written[bank.id] { return json.raw(bytes) }
        var object = JSONWriter(reservingCapacity: 256)
        BankJSON.write(bank, into: &object)
        written[bank.id] = object.bytes
        json.raw(object.bytes)
    }
}

/// A list answer, `{"data": […], "next_cursor": …}`, written payout by payout as the store reads
/// them. The store is asked for one payout more than the page shows: that one only tells that a
/// next page exists.
struct PayoutPageJSON: Sendable {
    private var json: JSONWriter
    private var banks = BankJSONCache()
    private let limit: Int
    private let unmasked: Bool
    private var written = 0
    private var last: Cursor?
    private var hasMore = false

    init(limit: Int, unmasked: Bool) {
        self.limit = limit
        self.unmasked = unmasked
        // About 700 bytes a payout without a routing record, 3.6 KB with one: room for a full
        // page from the start, rather than copying it each time the buffer grows.
        json = JSONWriter(reservingCapacity: 64 + limit * 4096)
        json.beginObject()
        json.key("data")
        json.beginArray()
    }

    mutating func add(_ stored: StoredPayout) {
        guard written < limit else { return hasMore = true }
        PayoutJSON.write(stored, unmasked: unmasked, banks: &banks, into: &json)
        written += 1
        last = Cursor(time: stored.payout.createdAt.microsecondsSinceEpoch, id: stored.payout.id)
    }

    consuming func finished() -> [UInt8] {
        json.endArray()
        json.field("next_cursor", hasMore ? last?.encoded : nil)
        json.endObject()
        return json.bytes
    }
}
