import Ledger
import Testing

@Suite struct LedgerAccountTests {
    @Test func codesRoundTrip() throws {
        for account in LedgerAccount.fixed + [try .prefunded(by: "duitku")] {
            #expect(try LedgerAccount(code: account.code) == account)
        }
        #expect(try LedgerAccount(code: "provider:doku:prefunded").provider == "doku")
    }

    @Test func normalSides() throws {
        #expect(LedgerAccount.availableForPayouts.normalSide == .credit)
        #expect(LedgerAccount.payoutsInFlight.normalSide == .credit)
        #expect(LedgerAccount.payoutsPaid.normalSide == .debit)
        #expect(LedgerAccount.providerFees.normalSide == .debit)
        #expect(try LedgerAccount.prefunded(by: "duitku").normalSide == .debit)
    }

    @Test(arguments: ["", "cash", "provider::prefunded", "provider:Duitku:prefunded", "provider:a:b:prefunded",
                      "provider:duitku:fees"])
    func unknownCodesAreRefused(code: String) {
        #expect(throws: LedgerError.invalidAccountCode(code)) { try LedgerAccount(code: code) }
    }
}
