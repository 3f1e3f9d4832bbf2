/// An account's totals by side and status, and what it has available.
public struct Balance: Sendable, Hashable, CustomStringConvertible {
    /// The account's normal side, which decides the sign of `posted` and `available`.
    public let normalSide: Direction
    /// Sum of posted debits.
    public internal(set) var postedDebits: Int64 = 0
    /// Sum of posted credits.
    public internal(set) var postedCredits: Int64 = 0
    /// Sum of pending debits.
    public internal(set) var pendingDebits: Int64 = 0
    /// Sum of pending credits.
    public internal(set) var pendingCredits: Int64 = 0

    /// An empty balance.
    public init(normalSide: Direction) {
        self.normalSide = normalSide
    }

    /// Totals as stored; for reading balances back from storage.
    public init(
        normalSide: Direction, postedDebits: Int64, postedCredits: Int64, pendingDebits: Int64, pendingCredits: Int64
    ) {
        self.normalSide = normalSide
        self.postedDebits = postedDebits
        self.postedCredits = postedCredits
        self.pendingDebits = pendingDebits
        self.pendingCredits = pendingCredits
    }

    /// Posted balance on the normal side (negative when overdrawn).
    public var posted: Int64 {
        normalSide == .debit ? postedDebits - postedCredits : postedCredits - postedDebits
    }

    /// Posted balance minus pending outgoing amounts: what may still be reserved (TigerBeetle's
    /// "debits must not exceed credits" reading). Pending incoming amounts do not count until posted.
    public var available: Int64 {
        let (value, overflow) = posted.subtractingReportingOverflow(normalSide == .debit ? pendingCredits : pendingDebits)
        return overflow ? .min : value
    }

    /// `posted/available (pending dr/cr)`, for test failures.
    public var description: String {
        "posted \(posted), available \(available), pending dr \(pendingDebits) cr \(pendingCredits)"
    }

    /// Adds (or with `sign` -1 removes) one posting under `status`; false on overflow.
    mutating func add(_ posting: Posting, as status: PostingStatus, sign: Int64 = 1) -> Bool {
        let delta = posting.amount * sign
        switch (status, posting.direction) {
        case (.voided, _): return true
        case (.posted, .debit): return Self.add(delta, to: &postedDebits)
        case (.posted, .credit): return Self.add(delta, to: &postedCredits)
        case (.pending, .debit): return Self.add(delta, to: &pendingDebits)
        case (.pending, .credit): return Self.add(delta, to: &pendingCredits)
        }
    }

    private static func add(_ delta: Int64, to total: inout Int64) -> Bool {
        let (sum, overflow) = total.addingReportingOverflow(delta)
        guard !overflow else { return false }
        total = sum
        return true
    }
}
