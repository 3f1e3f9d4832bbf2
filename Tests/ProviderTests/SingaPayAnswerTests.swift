import HTTP
import HTTPClient
import Payouts
@testable import SingaPay
import Testing

/// SingaPay's answers read from recorded bodies, without a simulator.
@Suite struct SingaPayAnswerTests {
    static func response(_ status: Int, _ body: String) -> ClientResponse {
        ClientResponse(status: HTTPStatus(status), headers: HTTPHeaders([("Content-Type", "application/json")]),
                       body: Array(body.utf8))
    }

    /// The v1 check answers `data.status` valid or invalid [singapay.md §2.5]; SP014 as a failed
    /// verification is documented for v2 only, so from v1 it is no verdict on the account.
    @Test func anSP014FromTheV1CheckIsNoVerdictOnTheAccount() {
        let outcome = SingaPayProvider.inquiryOutcome(Self.response(404, #"{"response_code":"SP014","response_message":"Not Found"}"#))
        guard case .rejected(let failure) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(failure.code == .rejectedByProvider && failure.providerCode == "SP014")
    }

    @Test func anSP010OrAnInvalidStatusIsAnInvalidAccount() {
        let body = #"{"response_code":"SP010","response_message":"Beneficiary Account Not Found"}"#
        let notFound = SingaPayProvider.inquiryOutcome(Self.response(404, body))
        guard case .rejected(let failure) = notFound else { Issue.record("got \(notFound)"); return }
        #expect(failure.code == .invalidAccount && failure.providerCode == "SP010")
        let invalid = SingaPayProvider.inquiryOutcome(Self.response(200, #"{"status":200,"success":true,"data":{"status":"invalid"}}"#))
        guard case .rejected(let refusal) = invalid else { Issue.record("got \(invalid)"); return }
        #expect(refusal.code == .invalidAccount)
    }
}
