import Testing
import Payouts

@Suite struct PayoutTests {
    func payout(status: PayoutStatus = .pending) throws -> Payout {
        let request = try PayoutRequest.validate(validDraft(), directory: .standard).get()
        return Payout(id: "po_1", request: request, createdAt: Timestamp(secondsSinceEpoch: 1_700_000_000),
                      status: status)
    }

    @Test func startsPendingWithTheRequestsValues() throws {
        let payout = try payout()
        #expect(payout.status == .pending)
        #expect(payout.amount.decimalString == "150000.00")
        #expect(payout.beneficiary.bank.id == "bca")
        #expect(payout.createdAt == payout.updatedAt)
        #expect(payout.failure == nil)
    }

    @Test(arguments: [
        ("8760673566", "******3566"), ("1234", "1234"), ("123", "123"), ("12345", "*2345"), ("", ""), ("１２３４５６", "**３４５６"),
    ])
    func masksAllButTheLastFourDigits(number: String, masked: String) throws {
        let bank = try #require(BankDirectory.standard.lookup("bca"))
        let beneficiary = Beneficiary(bank: bank, accountNumber: number, accountName: "Budi")
        #expect(beneficiary.maskedAccountNumber == masked)
        #expect(!"\(beneficiary)".contains(number) || number.count <= 4)
    }

    @Test func followsTheLifecycle() throws {
        var payout = try payout()
        let later = Timestamp(secondsSinceEpoch: 1_700_000_060)
        try payout.transition(to: .processing, at: later)
        try payout.transition(to: .succeeded, at: later)
        #expect(payout.status == .succeeded)
        #expect(payout.updatedAt == later)
        #expect(throws: PayoutError.invalidTransition(from: .succeeded, to: .pending)) {
            try payout.transition(to: .pending, at: later)
        }
    }

    @Test func failsOnlyWithAFailure() throws {
        var payout = try payout()
        let now = Timestamp(microsecondsSinceEpoch: 1_700_000_000_000_001)
        #expect(throws: PayoutError.failureMismatch(status: .failed)) {
            try payout.transition(to: .failed, at: now)
        }
        let failure = PayoutFailure(code: .noRoute, message: "no provider can pay this bank", isRetryable: false)
        try payout.transition(to: .failed, at: now, failure: failure)
        #expect(payout.failure?.code == .noRoute)
        #expect(payout.updatedAt.microsecondsSinceEpoch == 1_700_000_000_000_001)
    }

    @Test func startsAwaitingApprovalInABatch() throws {
        var payout = try payout(status: .awaitingApproval)
        #expect(payout.status.isCancellable)
        try payout.transition(to: .cancelled, at: payout.createdAt)
        #expect(payout.status == .cancelled)
    }

    @Test func ordersTimestamps() {
        #expect(Timestamp(secondsSinceEpoch: 1) == Timestamp(microsecondsSinceEpoch: 1_000_000))
        #expect(Timestamp(microsecondsSinceEpoch: 1) < Timestamp(microsecondsSinceEpoch: 2))
    }
}
