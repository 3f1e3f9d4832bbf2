import Ledger
import Testing

@Suite struct JournalTests {
    private let cash = try! LedgerAccount.prefunded(by: "duitku")

    @Test func balancedJournalIsAccepted() throws {
        let journal = try Journal(
            id: "j1", kind: .fund, payoutID: nil, status: .posted,
            postings: [.debit(cash, 700), .debit(cash, 300), .credit(.availableForPayouts, 1_000)])
        #expect(journal.amount == 1_000)
    }

    @Test func unbalancedJournalIsRefused() {
        #expect(throws: LedgerError.unbalanced(journal: "j1", debits: 100, credits: 99)) {
            try Journal(id: "j1", kind: .fund, payoutID: nil, status: .posted,
                        postings: [.debit(cash, 100), .credit(.availableForPayouts, 99)])
        }
    }

    @Test func singlePostingIsRefused() {
        #expect(throws: LedgerError.tooFewPostings(journal: "j1")) {
            try Journal(id: "j1", kind: .fund, payoutID: nil, status: .posted, postings: [.debit(cash, 100)])
        }
    }

    @Test(arguments: [0, -5] as [Int64])
    func nonPositiveAmountIsRefused(amount: Int64) {
        #expect(throws: LedgerError.nonPositiveAmount(journal: "j1")) {
            try Journal(id: "j1", kind: .fund, payoutID: nil, status: .posted,
                        postings: [.debit(cash, amount), .credit(.availableForPayouts, amount)])
        }
    }

    @Test func overflowingSumIsRefused() {
        // Each side sums past Int64.max even though each posting fits.
        #expect(throws: LedgerError.amountOverflow(journal: "j1")) {
            try Journal(id: "j1", kind: .fund, payoutID: nil, status: .posted, postings: [
                .debit(cash, .max), .debit(cash, 1), .credit(.availableForPayouts, .max), .credit(.availableForPayouts, 1),
            ])
        }
    }

    @Test func journalCannotStartVoided() {
        #expect(throws: LedgerError.recordedAsVoided(journal: "j1")) {
            try Journal(id: "j1", kind: .fund, payoutID: nil, status: .voided,
                        postings: [.debit(cash, 1), .credit(.availableForPayouts, 1)])
        }
    }

    @Test func emptyOrLongIDIsRefused() {
        for id in ["", String(repeating: "x", count: Journal.idLengthMax + 1)] {
            #expect(throws: LedgerError.invalidJournalID) {
                try Journal(id: id, kind: .fund, payoutID: nil, status: .posted,
                            postings: [.debit(cash, 1), .credit(.availableForPayouts, 1)])
            }
        }
    }

    @Test func payoutJournalNeedsAPayout() {
        #expect(throws: LedgerError.missingPayout(journal: "j1")) {
            try Journal(id: "j1", kind: .hold, payoutID: nil, status: .pending,
                        postings: [.debit(.availableForPayouts, 1), .credit(.payoutsInFlight, 1)])
        }
    }
}
