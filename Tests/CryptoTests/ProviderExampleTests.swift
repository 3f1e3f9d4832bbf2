import Crypto
import Testing

// Worked examples from the provider research notes in shared/providers. Only the primitives
// are under test; the strings are assembled literally as each note states them.

@Test func duitkuCheckBalanceSignature() {
    // duitku.md: check balance = SHA256(email + timestamp + secretKey), lowercase hex.
    let message = "test@chakratechnology.com" + "1637308830041"
        + "de56f832487bc1ce1de5ff2cfacf8d9486c61da69df6fd61d5537b6b7d6d354d"
    #expect(Hex.encode(Digest.sha256(message)) == "c6be90ef7159efb476c4940ca662ffd7e586d2a0d16568187e0dbe25a67ae1a4")
}

private let dokuSecret = "SK-EXAMPLE-SECRET-KEY"

@Test func dokuRequestDigestAndSignature() {
    // doku.md §1.3: Digest = base64(SHA-256(body)); Signature = base64(HMAC-SHA256(secret, components)).
    let body = #"{"transaction":{"id":"transaksi-sandbox-01","amount":300000000,"description":"testuat"},"source_account":{"account_id":"2340211124151729152107164433893000196019"},"account_destination":{"code":"BNINIDJA","account_bank_number":"0115471119","account_bank_name":"pk ROBERT NARO ROBERT NARO","address":"JAKARTA"}}"#
    let digest = Base64.encode(Digest.sha256(body))
    #expect(digest == "gsF1Z/s5D0R3OFpN2wa4BdE1D+F9nhq0HoQxFSXvyzs=")
    let components = "Client-Id:MCH-0001-10791114622547\nRequest-Id:b6a465ea-bb65-48b2-a22b-3e8fb51cf22e\nRequest-Timestamp:2020-08-11T08:45:42Z\nRequest-Target:/sac-rdl/v1/rdl-disbursements\nDigest:\(digest)"
    #expect(Base64.encode(HMAC.sha256(key: dokuSecret, message: components)) == "5eJ4qLe3NGr5s3I1HSQfxlg6va//1HF2chp0YagHR9U=")
}

@Test func dokuGetSignatureWithoutDigest() {
    // doku.md §1.3, GET variant: four lines, no Digest.
    let components = "Client-Id:MCH-0001-10791114622547\nRequest-Id:d895fb53-479c-4f77-a76a-ab81b40d77cb\nRequest-Timestamp:2020-08-11T08:45:42Z\nRequest-Target:/orders/v1/status/INV-123123-12313"
    #expect(Base64.encode(HMAC.sha256(key: dokuSecret, message: components)) == "ObzQhZEM64O6ARXuxJvp7Oql6TgrKSIU/+95XsOccoQ=")
}

@Test func dokuResponseDigestAndSignature() {
    // doku.md §1.4: response lines use Response-Timestamp; same secret.
    let body = #"{"transaction":{"amount":10000,"description":"Test disbursement 100","status":"PENDING","create_date":"2021-04-16T01:24:13Z","update_date":"2021-04-16T01:24:13Z","id":"TRX-102"}}"#
    let digest = Base64.encode(Digest.sha256(body))
    #expect(digest == "6nr4BSxTx8T6rqTDr82Rik7fjrJ7Uv5ylvhpPc5kPeE=")
    let components = "Client-Id:MCH-0001-10791114622547\nRequest-Id:b6a465ea-bb65-48b2-a22b-3e8fb51cf22e\nResponse-Timestamp:2021-04-16T01:24:14Z\nRequest-Target:/sac-rdl/v1/rdl-disbursements\nDigest:\(digest)"
    #expect(Base64.encode(HMAC.sha256(key: dokuSecret, message: components)) == "cmoiRbgewlllKBioHSSwZyYDTHQtXNMb/GlmYGeRIKc=")
}

@Test func durianpayBasicAuthorization() {
    // durianpay.md §1.1: Basic base64("<server_key>:").
    #expect(Base64.encode("dp_test_XXXXXXXXXXXX:".utf8) == "ZHBfdGVzdF9YWFhYWFhYWFhYWFg6")
}

@Test(arguments: [
    ("dis_4hjykf9KK99186|300000.00", "c0794fa7f04089e5be5d3aa2df322864df560108d07fbea7153a422151dd2e9e"),
    ("dis_4hjykf9KK99186|100000.00", "54704193b137ddc1574297a4de2607f87e2c7c0496b34537a5b565d81072be02"),
    ("8888105|bca|valid", "305f88de8c41c13e18bbf52ffd88c2724b7335d9cdba5a391f78484042399a2c"),
])
func durianpayWebhookSignature(message: String, signature: String) {
    // durianpay.md §1.3: lowercase hex HMAC-SHA256 keyed with the server key.
    let computed = Hex.encode(HMAC.sha256(key: "dp_test_XXXXXXXXXXXX", message: message))
    #expect(computed == signature)
    #expect(ConstantTime.equals(computed, signature))
}

@Test func singapayAccessTokenSignature() {
    // singapay.md §1.1: hex HMAC-SHA512(client_secret, client_id + "_" + client_secret + "_" + date).
    let message = "123e4567-e89b-12d3-a456-426614174000_example-client-secret_20260821"
    #expect(Hex.encode(HMAC.sha512(key: "example-client-secret", message: message)) == "39ede817bf7b1dd2d590f5e1dbe801855789037515b0bc5fd12e273607f37bcf2811e046549c5b3363ddb7b356ed5ae0352179a4de0845e0b4e5bd54e0bcb6ec")
}

/// One singapay.md §1.4 transfer vector: normalized body, its hash (or a prefix of it), signature.
struct SingapayTransferVector: Sendable, CustomTestStringConvertible {
    let body: String
    let hashedBodyPrefix: String
    let signature: String
    var testDescription: String { "SingaPay transfer body \(body.prefix(24))" }
}

@Test(arguments: [
    SingapayTransferVector(
        body: "{}",
        hashedBodyPrefix: "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        signature: "7d92cbed487499b89472b99274570e7c5fe76f54d7502b5d8a9c687029f65abdbf66534820d58197252410e12b78fcff828775b757ec01ec8d53ed2bbaa59c14"),
    // The note prints only the first eight hex digits of this hash.
    SingapayTransferVector(
        body: #"{"a":1,"b":2,"c":3}"#,
        hashedBodyPrefix: "e6a3385f",
        signature: "abc4722c2e5bbb7b6b039f00e2afe50f257385789c33eade0484d2e0a90c35347137e20a53486715f5476fcbd1ecfd2d29d926a5d06036ba93e13a380cbb9aaa"),
    SingapayTransferVector(
        body: #"{"account_id":"01K946KF851RK7FX075GJHBVKF","amount":50000,"bank_account_number":"1234567890000","bank_code":"002","notes":"Transfer payment","reference_number":"REF-20260610-001"}"#,
        hashedBodyPrefix: "2e8be18c3da17c0818de0721eeb6a6ca2cc836edac75050a4efe3b41977e7e4b",
        signature: "a1cb4dcc17cfb01c14c424ce9dba4437ebe1fe683581ff2ae1c0b28330076d2402ea1ad205841a7d7aae8d65e1b371542b496a29c22d567b8b3e4a74a53e0c14"),
])
func singapayTransferSignature(_ vector: SingapayTransferVector) {
    // singapay.md §1.4: METHOD:ENDPOINT:TOKEN:hex(SHA-256(body)):timestamp, hex HMAC-SHA512.
    let hashedBody = Hex.encode(Digest.sha256(vector.body))
    #expect(hashedBody.hasPrefix(vector.hashedBodyPrefix))
    let stringToSign = "POST:/api/v2.0/disbursement/transfer:eyJ0ZXN0IjoidG9rZW4ifQ.test-access-token:\(hashedBody):1755657600"
    #expect(Hex.encode(HMAC.sha512(key: "singapay-test-secret", message: stringToSign)) == vector.signature)
}
