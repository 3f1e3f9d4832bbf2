import Duitku
import Testing

/// Every worked example of duitku.md §1, byte for byte, with Duitku's sandbox credentials.
@Suite struct DuitkuSignatureTests {
    let signer = DuitkuSigner(email: "test@chakratechnology.com",
                              secretKey: "de56f832487bc1ce1de5ff2cfacf8d9486c61da69df6fd61d5537b6b7d6d354d")

    @Test func checkBalanceMatchesDuitkusOwnExample() {
        #expect(signer.checkBalance(timestamp: 1_637_308_830_041)
            == "c6be90ef7159efb476c4940ca662ffd7e586d2a0d16568187e0dbe25a67ae1a4")
        #expect(signer.listBank(timestamp: 1_637_308_830_041)
            == "c6be90ef7159efb476c4940ca662ffd7e586d2a0d16568187e0dbe25a67ae1a4")
    }

    @Test func onlineInquiry() {
        #expect(signer.inquiry(timestamp: 1_637_304_586_325, bankCode: "014", bankAccount: "8760673566", amount: 50_000,
                               purpose: "test inquiry disbursement")
            == "dab7b98b71649df60fca76dfab408794be947c66de4a3f1e3a4cd1d7c7d95d68")
    }

    @Test func onlineTransfer() {
        #expect(signer.transfer(timestamp: 1_637_307_215_965, bankCode: "014", bankAccount: "8760673566",
                                accountName: "Test Account", custRefNumber: "000000001278", amount: 50_000,
                                purpose: "Test Disbursement with duitku", disburseID: "12345")
            == "e743463b0c6ba8e09028eedf079a031a71a1c802176b8d787891fd8ad62024ec")
    }

    @Test func inquiryStatus() {
        #expect(signer.inquiryStatus(timestamp: 1_637_304_586_325, disburseID: "12345")
            == "dab921df0445ea614e6d7305e781fbf5bc4c952ee563692a0804f5167e70f741")
    }

    @Test func clearingInquiry() {
        #expect(signer.clearingInquiry(timestamp: 1_637_305_389_875, bankCode: "014", type: "RTGS",
                                       bankAccount: "8760673466", amount: 500_000_000,
                                       purpose: "Test Clearing Inquiry with duitku")
            == "53a08d391ef4d08e2e7cede8e43b6b7dbb2f0d20befc3b0dafdc6661f4c5a472")
    }

    @Test func clearingCallbackHasNoTimestamp() {
        #expect(signer.clearingCallback(bankCode: "014", bankAccount: "8760673466", accountName: "Test Account",
                                        custRefNumber: "000000001278", amount: 500_000_000, disburseID: "125324342")
            == "e922548864477a736c0c7db3ca26ff93ccf7d3a15053b35ee47a0f1f0271db19")
    }
}
