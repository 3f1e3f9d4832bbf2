import Doku
import Testing

/// The worked examples of doku.md §1.3 and §1.4, byte for byte.
@Suite struct DokuSignatureTests {
    let signer = DokuSigner(clientID: "MCH-0001-10791114622547", secretKey: "SK-EXAMPLE-SECRET-KEY")
    let body = Array(#"{"transaction":{"id":"transaksi-sandbox-01","amount":300000000,"description":"testuat"},"source_account":{"account_id":"2340211124151729152107164433893000196019"},"account_destination":{"code":"BNINIDJA","account_bank_number":"0115471119","account_bank_name":"pk ROBERT NARO ROBERT NARO","address":"JAKARTA"}}"#.utf8)

    @Test func requestExample() {
        #expect(DokuSigner.digest(body) == "gsF1Z/s5D0R3OFpN2wa4BdE1D+F9nhq0HoQxFSXvyzs=")
        #expect(signer.components(requestID: "b6a465ea-bb65-48b2-a22b-3e8fb51cf22e", timestamp: "2020-08-11T08:45:42Z",
                                  target: "/sac-rdl/v1/rdl-disbursements", body: body)
            == "Client-Id:MCH-0001-10791114622547\nRequest-Id:b6a465ea-bb65-48b2-a22b-3e8fb51cf22e\n"
            + "Request-Timestamp:2020-08-11T08:45:42Z\nRequest-Target:/sac-rdl/v1/rdl-disbursements\n"
            + "Digest:gsF1Z/s5D0R3OFpN2wa4BdE1D+F9nhq0HoQxFSXvyzs=")
        #expect(signer.requestSignature(requestID: "b6a465ea-bb65-48b2-a22b-3e8fb51cf22e",
                                        timestamp: "2020-08-11T08:45:42Z", target: "/sac-rdl/v1/rdl-disbursements",
                                        body: body)
            == "HMACSHA256=5eJ4qLe3NGr5s3I1HSQfxlg6va//1HF2chp0YagHR9U=")
    }

    @Test func getExampleHasNoDigestLine() {
        #expect(signer.requestSignature(requestID: "d895fb53-479c-4f77-a76a-ab81b40d77cb",
                                        timestamp: "2020-08-11T08:45:42Z", target: "/orders/v1/status/INV-123123-12313",
                                        body: nil)
            == "HMACSHA256=ObzQhZEM64O6ARXuxJvp7Oql6TgrKSIU/+95XsOccoQ=")
    }

    @Test func responseExample() {
        let response = Array(#"{"transaction":{"amount":10000,"description":"Test disbursement 100","status":"PENDING","create_date":"2021-04-16T01:24:13Z","update_date":"2021-04-16T01:24:13Z","id":"TRX-102"}}"#.utf8)
        #expect(DokuSigner.digest(response) == "6nr4BSxTx8T6rqTDr82Rik7fjrJ7Uv5ylvhpPc5kPeE=")
        #expect(signer.responseSignature(requestID: "b6a465ea-bb65-48b2-a22b-3e8fb51cf22e",
                                         timestamp: "2021-04-16T01:24:14Z", target: "/sac-rdl/v1/rdl-disbursements",
                                         body: response)
            == "HMACSHA256=cmoiRbgewlllKBioHSSwZyYDTHQtXNMb/GlmYGeRIKc=")
    }

    @Test func timestampIsUTCWithWholeSeconds() {
        #expect(DokuSigner.timestamp(milliseconds: 1_597_135_542_999) == "2020-08-11T08:45:42Z")
        #expect(DokuSigner.timestamp(milliseconds: 0) == "1970-01-01T00:00:00Z")
        #expect(DokuSigner.timestamp(milliseconds: 1_709_251_199_000) == "2024-02-29T23:59:59Z")
    }

    @Test func requestIDIsStablePerAttemptAndDistinctAcrossAttempts() {
        #expect(DokuProvider.requestID(for: "abc1a1") == DokuProvider.requestID(for: "abc1a1"))
        #expect(DokuProvider.requestID(for: "abc1a1") != DokuProvider.requestID(for: "abc1a2"))
        #expect(DokuProvider.requestID(for: "abc1a1").count == 36)
    }
}
