/// The side of an account a posting lands on.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    /// Increases debit-normal accounts (assets, expenses), decreases credit-normal ones.
    case debit
    /// Increases credit-normal accounts (funding, claims), decreases debit-normal ones.
    case credit

    /// The other side.
    public var opposite: Direction { self == .debit ? .credit : .debit }
}
