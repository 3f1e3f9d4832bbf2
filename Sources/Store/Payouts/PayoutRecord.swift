import Payouts
import Postgres

/// Reading payout rows back into `Payout` values.
enum PayoutRecord {
    static let columns = """
        id, reference, status, amount, currency, bank, account_number, account_name, email, phone,
        clearing, provider, description, metadata::text AS metadata, failure::text AS failure, routing::text AS routing,
        (extract(epoch FROM scheduled_for) * 1000000)::bigint AS scheduled_micros,
        (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
        (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_micros, validate_account, execute_immediately
        """
    // The time aliases must not be the column names: ORDER BY created_at would sort by the
    // computed alias instead of the indexed column (a sequential scan over every payout).

    /// Reads by position (the order of `columns`): pages decode thousands of cells, and a name
    /// lookup per cell showed in profiles.
    static func payout(_ row: PostgresRow, directory: BankDirectory) throws -> StoredPayout {
        let bankID: String = try row.decode(5)
        guard let bank = directory.bank(id: bankID) ?? directory.lookup(bankID),
              let status = PayoutStatus(rawValue: try row.decode(2)),
              let amount = Money(rupiah: try row.decode(3)),
              let clearing = Clearing(rawValue: try row.decode(10)) else {
            throw StoreError.corruptRow(table: "payouts", id: try row.decode(0))
        }
        let beneficiary = Beneficiary(bank: bank, accountNumber: try row.decode(6), accountName: try row.decode(7),
                                      email: try row.decode(8), phone: try row.decode(9))
        let failureJSON: String? = try row.decode(14)
        let metadataJSON: String = try row.decode(13)
        let payout = Payout(
            id: try row.decode(0), reference: try row.decode(1), status: status, amount: amount,
            currency: .idr, beneficiary: beneficiary, clearing: clearing,
            provider: (try row.decode(11, as: String?.self)).flatMap(ProviderName.init(rawValue:)),
            description: try row.decode(12),
            metadata: metadataJSON == "{}" ? [:] : FlatJSON.decodeStringMap(metadataJSON) ?? [:],
            failure: failureJSON.flatMap(FlatJSON.decodeFailure), scheduledFor: try timestamp(row, 16),
            createdAt: try timestamp(row, 17) ?? Timestamp(microsecondsSinceEpoch: 0),
            updatedAt: try timestamp(row, 18) ?? Timestamp(microsecondsSinceEpoch: 0),
            validatesAccount: try row.decode(19), executesImmediately: try row.decode(20))
        return StoredPayout(payout: payout, routingJSON: try row.decode(15))
    }

    static func timestamp(_ row: PostgresRow, _ column: Int) throws -> Timestamp? {
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
