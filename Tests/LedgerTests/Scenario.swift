import Ledger
import Testing

/// One row of a ledger scenario: an operation and the figures expected after it, or the error
/// it must be refused with (the figures then stay as they were).
struct Step {
    /// What the row says, as in a statement.
    let name: String
    let operation: (inout LedgerBook) throws -> Void
    let outcome: Outcome

    enum Outcome {
        case figures(Figures)
        case refused(LedgerError)
    }

    init(_ name: String, _ figures: Figures, _ operation: @escaping (inout LedgerBook) throws -> Void) {
        self.name = name
        self.operation = operation
        self.outcome = .figures(figures)
    }

    init(_ name: String, refused error: LedgerError, _ operation: @escaping (inout LedgerBook) throws -> Void) {
        self.name = name
        self.operation = operation
        self.outcome = .refused(error)
    }
}

/// The columns of a scenario table, for the provider `duitku`.
struct Figures: Equatable, CustomStringConvertible {
    /// `available_for_payouts` available.
    var available: Int64
    /// `payouts_in_flight` pending credits.
    var inFlight: Int64
    /// `provider:duitku:prefunded` posted.
    var duitku: Int64
    /// `provider:duitku:prefunded` available.
    var duitkuAvailable: Int64
    /// `payouts_paid` posted.
    var paid: Int64
    /// `provider_fees` posted.
    var fees: Int64

    init(_ available: Int64, _ inFlight: Int64, _ duitku: Int64, _ duitkuAvailable: Int64, _ paid: Int64, _ fees: Int64) {
        (self.available, self.inFlight, self.duitku) = (available, inFlight, duitku)
        (self.duitkuAvailable, self.paid, self.fees) = (duitkuAvailable, paid, fees)
    }

    init(_ book: LedgerBook) throws {
        let duitku = book.balance(of: try LedgerAccount.prefunded(by: "duitku"))
        self.init(
            book.balance(of: .availableForPayouts).available, book.balance(of: .payoutsInFlight).pendingCredits,
            duitku.posted, duitku.available,
            book.balance(of: .payoutsPaid).posted, book.balance(of: .providerFees).posted)
    }

    var description: String {
        "available \(available) in_flight \(inFlight) duitku \(duitku)/\(duitkuAvailable) paid \(paid) fees \(fees)"
    }
}

/// Runs the steps in order on a fresh book, checking each row; returns the final book.
@discardableResult
func run(_ steps: [Step], sourceLocation: SourceLocation = #_sourceLocation) throws -> LedgerBook {
    var book = LedgerBook()
    for step in steps {
        let before = try Figures(book)
        switch step.outcome {
        case .figures(let expected):
            do {
                try step.operation(&book)
            } catch {
                Issue.record("\(step.name): refused with \(error)", sourceLocation: sourceLocation)
            }
            #expect(try Figures(book) == expected, "\(step.name)", sourceLocation: sourceLocation)
        case .refused(let expected):
            #expect(throws: expected, "\(step.name)", sourceLocation: sourceLocation) { try step.operation(&book) }
            #expect(try Figures(book) == before, "\(step.name) changed the books", sourceLocation: sourceLocation)
        }
        expectBooksConsistent(book, sourceLocation: sourceLocation)
    }
    return book
}

/// The two layers agree: available funding posted equals the prefunds posted, and settled claims
/// equal money paid out plus fees.
func expectBooksConsistent(_ book: LedgerBook, sourceLocation: SourceLocation = #_sourceLocation) {
    let prefunds = book.balances.filter { $0.key.hasPrefix("provider:") }.values.reduce(0) { $0 + $1.posted }
    #expect(book.balance(of: .availableForPayouts).posted == prefunds, sourceLocation: sourceLocation)
    let spent = book.balance(of: .payoutsPaid).posted + book.balance(of: .providerFees).posted
    #expect(book.balance(of: .payoutsInFlight).posted == spent, sourceLocation: sourceLocation)
}
