import Payouts
import Testing

@Suite struct AccountValidationRequestTests {
    func check(bank: String? = "bca", account: String? = "8760673566", name: String? = nil)
        -> Result<AccountValidationRequest, ValidationFailure> {
        AccountValidationRequest.validate(bank: bank, accountNumber: account, expectedName: name, directory: .standard)
    }

    @Test func resolvesTheBankAndTrimsTheName() throws {
        let request = try check(bank: "CENAIDJA", name: "  Budi Santoso ").get()
        #expect(request.bank.id == "bca")
        #expect(request.accountNumber == "8760673566")
        #expect(request.expectedName == "Budi Santoso")
        #expect(request.maskedAccountNumber == "******3566")
        #expect(try check().get().expectedName == nil)
    }

    @Test func namesFieldsAsThisRequestSpellsThem() {
        guard case .failure(let failure) = check(bank: "bcaa", account: "12ab", name: " ") else {
            Issue.record("expected a failure"); return
        }
        #expect(failure.fields == ["bank", "account_number", "expected_name"])
        #expect(failure.issues.allSatisfy { !$0.message.contains("12ab") })
    }

    @Test func appliesThePayoutRulesForAccountNumbers() {
        guard case .failure(let short) = check(account: "12345") else { Issue.record("expected a failure"); return }
        #expect(short.fields == ["account_number"])
        guard case .failure(let wallet) = check(bank: "ovo", account: "8760673566") else { Issue.record("expected a failure"); return }
        #expect(wallet.fields == ["account_number"])
        guard case .failure(let missing) = check(bank: nil, account: nil) else { Issue.record("expected a failure"); return }
        #expect(missing.fields == ["bank", "account_number"])
        #expect((try? check(bank: "ovo", account: "081234567890").get()) != nil)
    }
}
