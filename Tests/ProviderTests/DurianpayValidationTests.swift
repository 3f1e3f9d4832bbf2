@testable import Durianpay
import HTTP
import HTTPClient
import Payouts
import Testing

/// Durianpay's account validation answers read from recorded bodies [durianpay.md §2.6].
@Suite struct DurianpayValidationTests {
    static func outcome(_ body: String) async -> InquiryOutcome {
        let client = shortDeadlineClient()
        let provider = DurianpayProvider(configuration: DurianpayConfiguration(baseURL: "http://127.0.0.1:1", serverKey: "dp_test_x"),
                                         client: client, clock: { providerTestNow })
        let response = ClientResponse(status: HTTPStatus(200), headers: HTTPHeaders(), body: Array(body.utf8))
        let outcome = provider.inquiryOutcome(response)
        await client.shutdown()
        return outcome
    }

    /// A valid account whose holder is empty or blank names nobody: no answer, the next provider is asked.
    @Test(arguments: [#""account_holder":"","#, #""account_holder":"  ","#, ""])
    func aValidAccountWithoutAHolderIsNoAnswer(holder: String) async {
        let body = #"{"data":{"account_number":"8888105","bank_code":"bca","# + holder + #""status":"valid"}}"#
        #expect(await Self.outcome(body) == .unknown(reason: "Durianpay validation valid without account_holder"))
    }

    /// `processing`: the bank has not answered yet and account_holder is empty until it does.
    @Test func processingIsNoAnswerYet() async {
        let body = #"{"data":{"account_number":"5555105","bank_code":"bca","account_holder":"","status":"processing"}}"#
        #expect(await Self.outcome(body) == .unknown(reason: "Durianpay validation still processing"))
    }

    @Test func aValidAccountNamesItsHolder() async {
        let body = #"{"data":{"account_number":"8888105","bank_code":"bca","account_holder":"JANE DOE","status":"valid"}}"#
        #expect(await Self.outcome(body) == .found(accountName: "JANE DOE"))
    }
}
