/// An amount of Indonesian rupiah in whole rupiah, never negative.
///
/// IDR payouts carry no minor unit: Duitku `amountTransfer` is "int (no decimals)" [seed-004],
/// DOKU `transaction.amount` is an integer [seed-002], SingaPay `amount` is plain integer rupiah
/// [sp-transfer]. So the stored unit is the rupiah itself and there is no floating point anywhere.
public struct Money: Hashable, Comparable, Sendable {
    /// The amount in whole rupiah, zero or more.
    public let rupiah: Int64

    /// Nothing.
    public static let zero = Money(unchecked: 0)

    /// Wraps a count of rupiah; nil when negative, because a payout amount never is.
    public init?(rupiah: Int64) {
        guard rupiah >= 0 else { return nil }
        self.rupiah = rupiah
    }

    init(unchecked rupiah: Int64) {
        self.rupiah = rupiah
    }

    /// The wire form, always with two decimals ("150000.00"), as DESIGN.md answers amounts.
    public var decimalString: String {
        "\(rupiah).00"
    }

    /// The sum, or nil when it would overflow `Int64`.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = rupiah.addingReportingOverflow(other.rupiah)
        return overflow ? nil : Money(unchecked: sum)
    }

    /// The difference, or nil when `other` is larger (money never goes negative).
    public func subtracting(_ other: Money) -> Money? {
        guard other.rupiah <= rupiah else { return nil }
        return Money(unchecked: rupiah - other.rupiah)
    }

    /// The product by a count, or nil when negative or overflowing.
    public func multiplied(by count: Int64) -> Money? {
        let (product, overflow) = rupiah.multipliedReportingOverflow(by: count)
        return overflow || product < 0 ? nil : Money(unchecked: product)
    }

    /// Orders by amount.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.rupiah < rhs.rupiah
    }
}

extension Money: CustomStringConvertible {
    /// The wire form, e.g. "150000.00".
    public var description: String { decimalString }
}
