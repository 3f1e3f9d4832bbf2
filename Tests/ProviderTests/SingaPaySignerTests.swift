import Crypto
import Payouts
@testable import SingaPay
import Testing

/// Every worked example of singapay.md §1.1 and §1.4, byte for byte, and the two code tables.
@Suite struct SingaPaySignerTests {
    @Test func tokenSignatureMatchesTheWorkedExample() {
        let signer = SingaPaySigner(clientID: "123e4567-e89b-12d3-a456-426614174000", clientSecret: "example-client-secret")
        #expect(signer.tokenSignature(date: "20260821")
                == "39ede817bf7b1dd2d590f5e1dbe801855789037515b0bc5fd12e273607f37bcf2811e046549c5b3363ddb7b356ed5ae0352179a4de0845e0b4e5bd54e0bcb6ec")
        #expect(signer.tokenSignature(at: providerTestNow) == signer.tokenSignature(date: "20260821"))
    }

    @Test func tokenDateIsTheJakartaCalendarDay() {
        // 2026-08-20 17:00 UTC is already 2026-08-21 00:00 WIB; 16:59:59 UTC is still the 20th.
        #expect(SingaPaySigner.wibDate(Timestamp(secondsSinceEpoch: 1_787_245_200)) == "20260821")
        #expect(SingaPaySigner.wibDate(Timestamp(secondsSinceEpoch: 1_787_245_199)) == "20260820")
        #expect(SingaPaySigner.wibDate(Timestamp(secondsSinceEpoch: 0)) == "19700101")
        #expect(SingaPaySigner.wibDate(Timestamp(secondsSinceEpoch: 951_782_400)) == "20000229")
    }

    static let signer = SingaPaySigner(clientID: "unused", clientSecret: "singapay-test-secret")
    static let token = "eyJ0ZXN0IjoidG9rZW4ifQ.test-access-token"

    static func sign(_ body: [UInt8]) -> String {
        signer.requestSignature(method: "POST", path: "/api/v2.0/disbursement/transfer", accessToken: token,
                                body: body, timestamp: "1755657600")
    }

    @Test func emptyBodyVector() throws {
        let body = try #require(SingaPayJSON.parse(Array("{}".utf8))).canonicalBytes
        #expect(Hex.encode(Digest.sha256(body)) == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        #expect(Self.sign(body)
                == "7d92cbed487499b89472b99274570e7c5fe76f54d7502b5d8a9c687029f65abdbf66534820d58197252410e12b78fcff828775b757ec01ec8d53ed2bbaa59c14")
    }

    @Test func unsortedKeysVector() throws {
        let body = try #require(SingaPayJSON.parse(Array(#"{"b":2,"a":1,"c":3}"#.utf8))).canonicalBytes
        #expect(String(decoding: body, as: UTF8.self) == #"{"a":1,"b":2,"c":3}"#)
        #expect(Self.sign(body)
                == "abc4722c2e5bbb7b6b039f00e2afe50f257385789c33eade0484d2e0a90c35347137e20a53486715f5476fcbd1ecfd2d29d926a5d06036ba93e13a380cbb9aaa")
    }

    @Test func realisticTransferVectorFromTheAdapterBody() {
        let beneficiary = Beneficiary(bank: providerTestBank("bri"), accountNumber: "1234567890000", accountName: "Jane")
        let submission = PayoutSubmission(payoutID: "po_x", attempt: 1, amount: Money(rupiah: 50_000)!, beneficiary: beneficiary,
                                          clearing: .auto, description: "Transfer payment")
        var body = SingaPayProvider.transferBody(submission, accountID: "01K946KF851RK7FX075GJHBVKF", bankCode: "002")
        if case .object(var fields) = body {
            fields["reference_number"] = .string("REF-20260610-001")
            body = .object(fields)
        }
        let bytes = body.canonicalBytes
        #expect(String(decoding: bytes, as: UTF8.self)
                == #"{"account_id":"01K946KF851RK7FX075GJHBVKF","amount":50000,"bank_account_number":"1234567890000","bank_code":"002","notes":"Transfer payment","reference_number":"REF-20260610-001"}"#)
        #expect(Hex.encode(Digest.sha256(bytes)) == "2e8be18c3da17c0818de0721eeb6a6ca2cc836edac75050a4efe3b41977e7e4b")
        #expect(Self.sign(bytes)
                == "a1cb4dcc17cfb01c14c424ce9dba4437ebe1fe683581ff2ae1c0b28330076d2402ea1ad205841a7d7aae8d65e1b371542b496a29c22d567b8b3e4a74a53e0c14")
    }

    @Test func canonicalFormKeepsSlashesAndUnicodeAndSortsNestedKeys() throws {
        let parsed = try #require(SingaPayJSON.parse(Array(#"{"z":{"b":"a\/b","a":"é"},"a":[2,1],"m":null,"t":true}"#.utf8)))
        #expect(String(decoding: parsed.canonicalBytes, as: UTF8.self) == #"{"a":[2,1],"m":null,"t":true,"z":{"a":"é","b":"a/b"}}"#)
        #expect(SingaPayJSON.parse(Array(#"{"a":1"#.utf8)) == nil)
    }

    @Test(arguments: [("00", "succeeded"), ("01", "accepted"), ("02", "accepted"), ("03", "accepted"),
                      ("04", "failed"), ("05", "failed"), ("06", "failed"), ("07", "unknown"), ("99", "unknown")])
    func mapsEveryTransactionStatus(raw: String, expected: String) {
        #expect(DurianpaySignerTests.describe(SingaPayTransactionCode(raw).outcome(transactionID: "t", fee: nil, amount: nil, reason: nil))
                    .hasPrefix(expected))
    }

    @Test(arguments: [
        ("SP000", SingaPayResponseMeaning.readTransactionStatus), ("SP001", .checkStatus), ("SP002", .checkStatus),
        ("SP003", .refusedUnlessFound(.insufficientProviderBalance)), ("SP004", .duplicateReference), ("SP005", .checkStatus),
        ("SP006", .refusedUnlessFound(.limitExceeded)), ("SP007", .refused(.limitExceeded)), ("SP008", .refused(.rejectedByProvider)),
        ("SP009", .notFound), ("SP010", .refused(.invalidAccount)), ("SP011", .refused(.bankUnavailable)),
        ("SP012", .refused(.rejectedByProvider)), ("SP013", .tokenExpired), ("SP014", .refused(.rejectedByProvider)),
        ("SP015", .refused(.rejectedByProvider)), ("SP016", .refused(.rejectedByProvider)),
        ("SP017", .refused(.rejectedByProvider)), ("SP018", .refused(.rejectedByProvider)), ("SP019", .checkStatus),
        ("SP020", .refused(.rejectedByProvider)), ("SP403", .refused(.rejectedByProvider)), ("SP999", .checkStatus),
    ])
    func mapsEveryResponseCode(raw: String, meaning: SingaPayResponseMeaning) {
        #expect(SingaPayResponseCode(raw).meaning == meaning)
    }
}
