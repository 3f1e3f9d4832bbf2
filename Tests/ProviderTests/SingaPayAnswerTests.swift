import Crypto
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

    /// SP018 carries a field map where a transaction would be [singapay.md §5]: the code says
    /// the transfer was refused, and that must not be lost to a `data` that is no transaction.
    @Test func aValidationErrorWithAFieldMapIsARefusal() async {
        let client = shortDeadlineClient()
        let provider = SingaPayProvider(
            configuration: SingaPayConfiguration(baseURL: "http://127.0.0.1:1", partnerID: "p", clientID: "c",
                                                 clientSecret: "s", accountID: "a"),
            client: client, clock: { providerTestNow })
        let body = #"{"response_code":"SP018","response_message":"Validation error","data":{"amount":["minimum 10000"]}}"#
        let outcome = await provider.transferOutcome(Self.response(422, body), reference: "ref1a1")
        #expect(outcome == .failed(ProviderFailure(code: .rejectedByProvider, providerCode: "SP018", message: "Validation error")))
        await client.shutdown()
    }

    /// SP009 with a `data` that is no transaction is still "not found", not an unreadable answer.
    @Test func inquiryStatusReadsTheCodeBeforeTheTransaction() {
        let body = #"{"response_code":"SP009","response_message":"Transaction Not Found","data":[]}"#
        let notFound = SingaPayProvider.inquiryAnswer(Self.response(404, body), reference: "r")
        guard case .notFound = notFound else { Issue.record("got \(notFound)"); return }
        let odd = SingaPayProvider.inquiryAnswer(Self.response(200, #"{"response_code":"SP000","data":{"reference_number":"r"}}"#),
                                                 reference: "r")
        guard case .unanswered(let why) = odd else { Issue.record("got \(odd)"); return }
        #expect(why == "SingaPay inquiry-status SP000 without a readable transaction")
    }

    /// A status names its transfer; one naming another reference settles nothing of this attempt.
    @Test func inquiryStatusOfAnotherReferenceIsNoAnswer() {
        let body = #"{"response_code":"SP000","data":{"transaction_id":"t1","reference_number":"REF","transaction_status":{"code":"04","desc":"Failed"}}}"#
        let own = SingaPayProvider.inquiryAnswer(Self.response(200, body), reference: "REF")
        guard case .transfer(.failed) = own else { Issue.record("got \(own)"); return }
        let other = SingaPayProvider.inquiryAnswer(Self.response(200, body), reference: "REF2")
        guard case .unanswered(let why) = other else { Issue.record("got \(other)"); return }
        #expect(why == "SingaPay inquiry-status answered for another reference")
    }

    /// Other products post to the same URL [singapay.md §4] with a `data` that is no transfer:
    /// a signed one is acknowledged and ignored, not refused (SingaPay would retry it).
    @Test func aSignedEventOfAnotherProductIsAcknowledgedWhateverItsData() {
        let body = Array(#"{"data":{"amount":{"currency":"IDR","value":"15000"},"qris_id":"q1"},"event":"qris-issuer"}"#.utf8)
        let timestamp = String(providerTestNow.microsecondsSinceEpoch / 1_000_000)
        let path = "/v1/callbacks/singapay"
        let message = "POST:" + path + ":tok:" + Hex.encode(Digest.sha256(body)) + ":" + timestamp
        let signature = Hex.encode(HMAC.sha512(key: "secret-test", message: message))
        let callback = ProviderCallback(headers: [("X-Signature", signature), ("X-Timestamp", timestamp),
                                                  ("Authorization", "Bearer tok")], body: body, path: path)
        let signer = SingaPaySigner(clientID: "client-test", clientSecret: "secret-test")
        let outcome = SingaPayCallback(signer: signer, now: providerTestNow).verify(callback)
        guard case .ignored(_, let acknowledgement) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(acknowledgement.status == 200)
    }

    /// A valid account whose holder's name is missing or blank names nobody: no answer.
    @Test(arguments: [#""bank_account_name":"","#, #""bank_account_name":" ","#, ""])
    func aValidAccountWithoutAHolderIsNoAnswer(name: String) {
        let body = #"{"status":200,"success":true,"data":{"#  + name + #""status":"valid","bank_name":"BRI"}}"#
        #expect(SingaPayProvider.inquiryOutcome(Self.response(200, body))
            == .unknown(reason: "SingaPay check-beneficiary valid without bank_account_name"))
    }
}
