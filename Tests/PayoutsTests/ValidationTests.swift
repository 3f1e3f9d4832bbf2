import Testing
import Payouts

@Suite struct ValidationTests {
    @Test func normalisesAValidDraft() throws {
        let request = try PayoutRequest.validate(validDraft(), directory: .standard).get()
        #expect(request.reference == "inv-2024.06:001_A")
        #expect(request.amount.rupiah == 150_000)
        #expect(request.currency == .idr)
        #expect(request.beneficiary.bank.id == "bca")
        #expect(request.beneficiary.accountName == "Budi Santoso")
        #expect(request.clearing == .bifast)
        #expect(request.provider == .doku)
        #expect(request.metadata == ["order_id": "A-1"])
    }

    @Test func defaultsOptionalFields() throws {
        var draft = validDraft()
        draft.clearing = nil
        draft.provider = nil
        draft.description = "   "
        draft.metadata = nil
        draft.beneficiary?.email = nil
        draft.beneficiary?.phone = nil
        let request = try PayoutRequest.validate(draft, directory: .standard).get()
        #expect(request.clearing == .auto)
        #expect(request.provider == nil)
        #expect(request.description == nil)
        #expect(request.metadata.isEmpty)
    }

    @Test func reportsEveryBadFieldTogetherInWireOrder() {
        let found = failedFields {
            $0.metadata = ["foo": text(501)]
            $0.provider = "nope"
            $0.beneficiary?.accountName = ""
            $0.beneficiary?.bank = "bcaa"
            $0.currency = "USD"
            $0.amount = "9999"
            $0.reference = nil
        }
        #expect(found == [
            "reference", "amount", "currency", "beneficiary.bank", "beneficiary.account_name", "provider",
            "metadata.foo",
        ])
    }

    @Test func reportsEachRequiredFieldOfAMissingBeneficiary() {
        #expect(failedFields { $0.beneficiary = nil } == [
            "beneficiary.bank", "beneficiary.account_number", "beneficiary.account_name",
        ])
    }

    @Test func reportsEveryRequiredFieldOfAnEmptyDraft() throws {
        let result = PayoutRequest.validate(PayoutDraft(), directory: .standard)
        let failure = try #require(result.failureValue)
        #expect(failure.fields == [
            "reference", "amount", "currency", "beneficiary.bank", "beneficiary.account_number",
            "beneficiary.account_name",
        ])
        #expect(failure.pairs.allSatisfy { $0.message == "is required" })
    }

    @Test func suggestsBanksForAnUnknownOne() {
        let message = issues { $0.beneficiary?.bank = "bcaa" }.first?.message
        #expect(message?.hasPrefix("unknown bank 'bcaa'; did you mean bca") == true)
        let none = issues { $0.beneficiary?.bank = "zzzzzzzzzz" }.first?.message
        #expect(none == "unknown bank 'zzzzzzzzzz'")
    }

    @Test func neverEchoesTheAccountNumber() {
        let messages = issues { $0.beneficiary?.accountNumber = "12345" }.map(\.message)
        #expect(messages.allSatisfy { !$0.contains("12345") })
    }

    @Test func exposesWireNamesForUnknownFieldChecks() {
        #expect(PayoutDraft.CodingKeys.allCases.map(\.rawValue) == [
            "reference", "amount", "currency", "beneficiary", "clearing", "provider", "description", "metadata",
            "validate_account",
        ])
        #expect(Set(PayoutDraft.Beneficiary.CodingKeys.allCases.map(\.rawValue)) == [
            "bank", "account_number", "account_name", "email", "phone",
        ])
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { failure } else { nil }
    }
}
