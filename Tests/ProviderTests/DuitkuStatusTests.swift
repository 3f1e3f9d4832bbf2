@testable import Duitku
import Payouts
import Testing

/// Duitku's codes read at each stage, without a simulator.
@Suite struct DuitkuStatusTests {
    static let desc = "Transaction has not recorded on Remittance gateway"

    /// NF from inquirystatus is no proof that nothing was paid [seed-004]: failing the attempt
    /// would let the payout go to another provider while the transfer may still land.
    @Test func notRecordedFromAStatusCheckStaysUnknown() {
        #expect(DuitkuStatus.afterStatusCheck("NF", desc: Self.desc, disburseID: "125324343", amount: nil)
            == .unknown(reason: "Duitku status answered NF (\(Self.desc))", providerTransactionID: "125324343"))
    }

    /// As the transfer call's own answer, NF refuses that call: nothing was recorded (duitku.md §3, §5).
    @Test func notRecordedFromTheTransferCallIsAFailure() {
        #expect(DuitkuStatus.afterTransfer("NF", desc: Self.desc, disburseID: "125324343", amount: nil)
            == .failed(ProviderFailure(code: .bankUnavailable, providerCode: "NF", message: Self.desc)))
    }

    /// An approved inquiry with a blank accountName names nobody: inconclusive, so the next provider is asked.
    @Test(arguments: ["", "  "])
    func anInquiryWithoutANameIsInconclusive(name: String) {
        let inquired = DuitkuInquired(rail: .online, disburseID: "125324343", accountName: name, custRefNumber: "000000001278")
        #expect(DuitkuProvider.inquiryOutcome(.found(inquired))
            == .unknown(reason: "Duitku inquiry approved without an account name"))
        let named = DuitkuInquired(rail: .online, disburseID: "125324343", accountName: "Test Account", custRefNumber: "000000001278")
        #expect(DuitkuProvider.inquiryOutcome(.found(named)) == .found(accountName: "Test Account", inquiryToken: named.token))
    }
}
