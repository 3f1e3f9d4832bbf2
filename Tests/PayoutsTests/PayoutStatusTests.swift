import Testing
import Payouts

@Suite struct PayoutStatusTests {
    /// Every allowed edge of the lifecycle; every other ordered pair must be refused.
    static let edges: Set<String> = [
        "pending>processing", "pending>scheduled", "pending>cancelled", "pending>failed",
        "scheduled>pending", "scheduled>processing", "scheduled>cancelled", "scheduled>failed", "scheduled>needs_review",
        "processing>scheduled",
        "awaiting_approval>pending", "awaiting_approval>cancelled",
        "processing>succeeded", "processing>failed", "processing>needs_review",
        "needs_review>succeeded", "needs_review>failed",
    ]

    static let pairs = PayoutStatus.allCases.flatMap { from in PayoutStatus.allCases.map { (from, $0) } }

    @Test(arguments: pairs)
    func allowsExactlyTheDocumentedEdges(from: PayoutStatus, to: PayoutStatus) {
        let expected = Self.edges.contains("\(from.rawValue)>\(to.rawValue)")
        #expect(from.canTransition(to: to) == expected)
    }

    @Test func checksEveryPair() {
        #expect(Self.pairs.count == 64)
    }

    @Test func terminalStatusesHaveNoExits() {
        for status in PayoutStatus.allCases {
            let exits = PayoutStatus.allCases.filter { status.canTransition(to: $0) }
            #expect(status.isTerminal == exits.isEmpty, "\(status)")
        }
        #expect(PayoutStatus.allCases.filter(\.isTerminal) == [.succeeded, .failed, .cancelled])
    }

    @Test func cancellableOnlyBeforeSubmission() {
        for status in PayoutStatus.allCases {
            #expect(status.isCancellable == status.canTransition(to: .cancelled), "\(status)")
        }
    }

    @Test func spellsTheWireNames() {
        #expect(PayoutStatus.allCases.map(\.rawValue) == [
            "pending", "scheduled", "awaiting_approval", "processing", "succeeded", "failed", "cancelled",
            "needs_review",
        ])
        #expect(Clearing.allCases.map(\.rawValue) == ["auto", "online", "bifast", "llg", "rtgs", "h2h"])
        #expect(ProviderName.allCases.map(\.rawValue) == ["duitku", "durianpay", "doku", "singapay"])
        #expect(FailureCode.allCases.map(\.rawValue) == [
            "invalid_account", "name_mismatch", "insufficient_provider_balance", "limit_exceeded",
            "bank_unavailable", "rejected_by_provider", "no_route", "provider_unavailable",
            "resolved_by_operator",
        ])
    }
}
