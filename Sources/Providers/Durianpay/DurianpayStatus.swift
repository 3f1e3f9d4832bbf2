import Payouts

/// Every batch and item status Durianpay documents [durianpay.md §3][seed-000], plus what it
/// has never told us about. The item status decides a one-item batch; the batch status is used
/// only when no item is readable (it is a summary).
enum DurianpayStatus: Hashable {
    case itemNeedValidation, itemValid, itemInvalid, itemProcessing, itemFailed, itemDone, itemCompleted
    case batchDraft, batchNeedApproval, batchApproved, batchNeedRevision, batchPartiallySuccess
    case batchSuccess, batchFailed, batchRejected
    /// A value no document lists: never guessed, always unknown (STYLE.md §4).
    case unrecognized(String)

    /// Reads an item's `status` (`done` is also spelled `completed` [dp-entity]).
    static func item(_ raw: String) -> DurianpayStatus {
        let known: [String: DurianpayStatus] = [
            "need_validation": .itemNeedValidation, "valid": .itemValid, "invalid": .itemInvalid,
            "processing": .itemProcessing, "failed": .itemFailed, "done": .itemDone, "completed": .itemCompleted,
        ]
        return known[raw] ?? .unrecognized("item " + raw)
    }

    /// Reads a batch's `status` (the dashboard also shows `rejected` [dp-dashboard]). "completed"
    /// is no batch status [durianpay.md §3]: only a dashboard label and the items page's
    /// `submission_status`, which says the submission was processed, not that anyone was paid.
    /// If a batch ever says it, it is unrecognized, never read as success.
    static func batch(_ raw: String) -> DurianpayStatus {
        let known: [String: DurianpayStatus] = [
            "draft": .batchDraft, "need_approval": .batchNeedApproval, "approved": .batchApproved,
            "need_revision": .batchNeedRevision, "partially_success": .batchPartiallySuccess,
            "success": .batchSuccess, "failed": .batchFailed, "rejected": .batchRejected,
        ]
        return known[raw] ?? .unrecognized("batch " + raw)
    }

    /// The neutral reading of a one-item batch [durianpay.md §3 mapping table].
    var verdict: DurianpayVerdict {
        switch self {
        // Created, not yet validated or approved: nothing has moved.
        case .itemNeedValidation, .itemValid, .batchDraft, .batchNeedApproval:
            .pending
        case .itemProcessing, .batchApproved:
            .processing
        case .itemDone, .itemCompleted, .batchSuccess:
            .succeeded
        // `invalid` happens at validation, before any money moves [durianpay.md §3].
        case .itemInvalid:
            .failed(.invalidAccount)
        // "failed to be processed by provider" [seed-000]; final.
        case .itemFailed, .batchFailed, .batchRejected:
            .failed(.rejectedByProvider)
        // durianpay.md §3 lists need_revision as failed, but a revised batch can still be approved
        // and paid from the dashboard; calling it failed could let us pay twice elsewhere, so a
        // person must look.
        case .batchNeedRevision:
            .unknown("batch needs revision at Durianpay")
        // Impossible for a one-item batch; if seen, which part was paid is not ours to guess.
        case .batchPartiallySuccess:
            .unknown("batch partially_success")
        case .unrecognized(let raw):
            .unknown("unrecognized Durianpay status " + raw)
        }
    }
}

/// Where a Durianpay status leaves an attempt, before it becomes a `ProviderOutcome`.
enum DurianpayVerdict: Hashable {
    case pending
    case processing
    case succeeded
    case failed(FailureCode)
    case unknown(String)

    /// The outcome for the batch `batchID`; `detail` is the provider's own words, if any.
    func outcome(batchID: String?, providerCode: String, detail: String?, amount: Money? = nil) -> ProviderOutcome {
        switch self {
        case .pending, .processing:
            .accepted(providerTransactionID: batchID)
        case .succeeded:
            .succeeded(providerTransactionID: batchID, fee: nil, amount: amount)
        case .failed(let code):
            // Final failure statuses are reached only when Durianpay did not disburse [seed-000].
            .failed(ProviderFailure(code: code, providerCode: providerCode,
                                    message: detail ?? "Durianpay reports " + providerCode))
        case .unknown(let reason):
            .unknown(reason: reason)
        }
    }
}
