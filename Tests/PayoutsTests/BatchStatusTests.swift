import Payouts
import Testing

@Suite struct BatchStatusTests {
    @Test(arguments: [(3, 3, BatchStatus.succeeded), (0, 3, .failed), (1, 3, .partiallySucceeded), (2, 3, .partiallySucceeded),
                      (1, 1, .succeeded), (0, 1, .failed)])
    func endsAsDurianpayReportsABatch(succeeded: Int, total: Int, expected: BatchStatus) {
        #expect(BatchStatus.settled(succeeded: succeeded, of: total) == expected)
        #expect(expected.isTerminal)
    }

    @Test func batchReferencesFollowPayoutReferenceRules() {
        #expect(BatchReference.issues("payroll-2026.11:1").isEmpty)
        #expect(BatchReference.issues(nil).map(\.message) == ["is required"])
        #expect(BatchReference.issues("pay roll").map(\.field) == ["reference"])
        #expect(BatchReference.issues(String(repeating: "r", count: 65)).count == 1)
    }
}
