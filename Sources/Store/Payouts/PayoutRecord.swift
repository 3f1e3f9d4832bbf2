import Payouts
import Postgres

/// Reading payout rows back into `Payout` values.
enum PayoutRecord {
    static let columns = """
        id, reference, status, amount, currency, bank, account_number, account_name, email, phone,
        clearing, provider, description, metadata::text AS metadata, failure::text AS failure, routing::text AS routing,
        (extract(epoch FROM scheduled_for) * 1000000)::bigint AS scheduled_micros,
        (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
        (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_micros
        """
    // The time aliases must not be the column names: ORDER BY created_at would sort by the
    // computed alias instead of the indexed column (a sequential scan over every payout).

    static func payout(_ row: PostgresRow, directory: BankDirectory) throws -> StoredPayout {
        let bankID: String = try row.decode("bank")
        guard let bank = directory.lookup(bankID),
              let status = PayoutStatus(rawValue: try row.decode("status")),
              let amount = Money(rupiah: try row.decode("amount")),
              let clearing = Clearing(rawValue: try row.decode("clearing")) else {
            throw StoreError.corruptRow(table: "payouts", id: try row.decode("id"))
        }
        let beneficiary = Beneficiary(bank: bank, accountNumber: try row.decode("account_number"),
                                      accountName: try row.decode("account_name"),
                                      email: try row.decode("email"), phone: try row.decode("phone"))
        let failureJSON: String? = try row.decode("failure")
        let payout = Payout(
            id: try row.decode("id"), reference: try row.decode("reference"), status: status, amount: amount,
            currency: .idr, beneficiary: beneficiary, clearing: clearing,
            provider: (try row.decode("provider", as: String?.self)).flatMap(ProviderName.init(rawValue:)),
            description: try row.decode("description"),
            metadata: FlatJSON.decodeStringMap(try row.decode("metadata")) ?? [:],
            failure: failureJSON.flatMap(FlatJSON.decodeFailure), scheduledFor: try timestamp(row, "scheduled_micros"),
            createdAt: try timestamp(row, "created_micros") ?? Timestamp(microsecondsSinceEpoch: 0),
            updatedAt: try timestamp(row, "updated_micros") ?? Timestamp(microsecondsSinceEpoch: 0))
        return StoredPayout(payout: payout, routingJSON: try row.decode("routing"))
    }

    static func timestamp(_ row: PostgresRow, _ column: String) throws -> Timestamp? {
        (try row.decode(column, as: Int64?.self)).map(Timestamp.init(microsecondsSinceEpoch:))
    }
}

/// A payout as stored, with what the store keeps beside the domain value.
public struct StoredPayout: Sendable {
    public var payout: Payout
    /// The routing decision as recorded at dispatch (JSON), nil before.
    public var routingJSON: String?

    public init(payout: Payout, routingJSON: String?) {
        self.payout = payout
        self.routingJSON = routingJSON
    }
}

/// Failures reading or writing that callers may want to tell apart.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A row the code cannot read back (an unknown status or bank): a bug or a manual edit.
    case corruptRow(table: String, id: String)
    /// A pagination cursor that this store did not make.
    case invalidCursor

    public var description: String {
        switch self {
        case let .corruptRow(table, id): "unreadable row \(id) in \(table)"
        case .invalidCursor: "invalid cursor"
        }
    }
}
