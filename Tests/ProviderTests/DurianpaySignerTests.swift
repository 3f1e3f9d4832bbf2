@testable import Durianpay
import Payouts
import Testing

/// Every worked example of durianpay.md §1.1 and §1.3, byte for byte, and the status table of §3.
@Suite struct DurianpaySignerTests {
    let signer = DurianpaySigner(serverKey: "dp_test_XXXXXXXXXXXX")

    @Test func basicAuthorizationMatchesTheWorkedExample() {
        #expect(signer.authorization == "Basic ZHBfdGVzdF9YWFhYWFhYWFhYWFg6")
    }

    @Test func disbursementSignaturesMatchTheWorkedExamples() {
        #expect(signer.disbursementSignature(disbursementID: "dis_4hjykf9KK99186", amount: "300000.00")
                == "c0794fa7f04089e5be5d3aa2df322864df560108d07fbea7153a422151dd2e9e")
        #expect(signer.disbursementSignature(disbursementID: "dis_4hjykf9KK99186", amount: "100000.00")
                == "54704193b137ddc1574297a4de2607f87e2c7c0496b34537a5b565d81072be02")
    }

    @Test func amountWithoutDecimalsIsSignedWithTwo() {
        #expect(signer.disbursementSignature(disbursementID: "dis_4hjykf9KK99186", amount: "300000")
                == "c0794fa7f04089e5be5d3aa2df322864df560108d07fbea7153a422151dd2e9e")
        #expect(DurianpaySigner.twoDecimals("15000.0") == "15000.00")
        #expect(DurianpaySigner.twoDecimals("abc") == "abc")
    }

    @Test func accountValidationSignatureMatchesTheWorkedExample() {
        #expect(signer.accountValidationSignature(accountNumber: "8888105", bankCode: "bca", status: "valid")
                == "305f88de8c41c13e18bbf52ffd88c2724b7335d9cdba5a391f78484042399a2c")
    }

    @Test(arguments: [
        ("need_validation", "accepted"), ("valid", "accepted"), ("processing", "accepted"),
        ("done", "succeeded"), ("completed", "succeeded"), ("invalid", "failed:invalid_account"),
        ("failed", "failed:rejected_by_provider"), ("paid_somehow", "unknown"),
    ])
    func mapsEveryDocumentedItemStatus(raw: String, expected: String) {
        #expect(Self.describe(DurianpayStatus.item(raw).verdict.outcome(batchID: "dis_1", providerCode: raw, detail: nil)) == expected)
    }

    /// "completed" is a dashboard label and the items page's `submission_status`, not a batch
    /// state durianpay.md §3 lists: a batch saying it is never read as paid.
    @Test(arguments: [
        ("draft", "accepted"), ("need_approval", "accepted"), ("approved", "accepted"), ("success", "succeeded"),
        ("completed", "unknown"), ("failed", "failed:rejected_by_provider"), ("rejected", "failed:rejected_by_provider"),
        ("need_revision", "unknown"), ("partially_success", "unknown"), ("archived", "unknown"),
    ])
    func mapsEveryDocumentedBatchStatus(raw: String, expected: String) {
        #expect(Self.describe(DurianpayStatus.batch(raw).verdict.outcome(batchID: "dis_1", providerCode: raw, detail: nil)) == expected)
    }

    /// A completion webhook without item lines falls back on its batch status.
    @Test func aCompletionWebhookWhoseBatchSaysCompletedStaysUnknown() {
        let signature = signer.disbursementSignature(disbursementID: "dis_1", amount: "150000.00")
        let body = #"{"event":"disbursement.completed","data":{"id":"dis_1","name":"ref1a1","status":"completed","#
            + #""total_amount":"150000.00","signature":""# + signature + #""}}"#
        let outcome = DurianpayCallback(signer: signer).verify(ProviderCallback(headers: [], body: Array(body.utf8), path: "/"))
        guard case .verified(let news) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(news.outcome == .unknown(reason: "unrecognized Durianpay status batch completed"))
    }

    static func describe(_ outcome: ProviderOutcome) -> String {
        switch outcome {
        case .accepted: "accepted"
        case .succeeded: "succeeded"
        case .failed(let failure): "failed:" + failure.code.rawValue
        case .unknown: "unknown"
        }
    }
}
