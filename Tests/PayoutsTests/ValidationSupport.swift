import Payouts

/// A draft that passes, to be spoiled one field at a time.
func validDraft() -> PayoutDraft {
    PayoutDraft(
        reference: "inv-2024.06:001_A",
        amount: "150000.00",
        currency: "IDR",
        beneficiary: .init(bank: "CENAIDJA", accountNumber: "8760673566", accountName: "  Budi Santoso  ",
                           email: "budi@example.co.id", phone: "+6281234567890"),
        clearing: "bifast",
        provider: "doku",
        description: "June payout",
        metadata: ["order_id": "A-1"]
    )
}

/// The issues of a draft after `change`, or [] when it passes.
func issues(_ change: (inout PayoutDraft) -> Void) -> [FieldIssue] {
    var draft = validDraft()
    change(&draft)
    switch PayoutRequest.validate(draft, directory: .standard) {
    case .success: return []
    case .failure(let failure): return failure.issues
    }
}

/// The fields that failed after `change`.
func failedFields(_ change: (inout PayoutDraft) -> Void) -> [String] {
    issues(change).map(\.field)
}

/// `count` copies of `character`.
func text(_ count: Int, _ character: Character = "a") -> String {
    String(repeating: character, count: count)
}
