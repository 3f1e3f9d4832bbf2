import Foundation
@testable import Gateway
import Store
import Testing

/// `POST /v1/account-validations` against the provider simulators over real sockets.
@Suite struct AccountValidationTests {
    func validate(_ gateway: GatewayHarness, key: String, _ body: String) async throws -> Answer {
        try await gateway.request("POST", "/v1/account-validations",
                                  headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"], body: body)
    }

    func body(bank: String = "bca", account: String = "8760673566", expectedName: String? = nil) -> String {
        let name = expectedName.map { #","expected_name":"\#($0)""# } ?? ""
        return #"{"bank":"\#(bank)","account_number":"\#(account)"\#(name)}"#
    }

    @Test func asksTheFirstProviderAndComparesTheName() async throws {
        let providers = try SimulatedProviders.start(up: [.duitku, .singapay, .durianpay])
        let gateway = try await GatewayHarness.start(environment: providers.environment)
        let key = try await gateway.key([.payoutsWrite])
        // Duitku is first by priority; its sandbox names every account "Test Account".
        let matched = try await validate(gateway, key: key, body(expectedName: "Bpk. Test Account"))
        #expect(matched.status == 200)
        #expect(matched.json["valid"] as? Bool == true)
        #expect(matched.json["account_name"] as? String == "Test Account")
        #expect(matched.json["name_match"] as? String == "match")
        #expect(matched.json["provider"] as? String == "duitku")
        #expect(matched.json["account_number"] as? String == "******3566")
        #expect((matched.json["bank"] as? [String: Any])?["id"] as? String == "bca")
        #expect(matched.json["failure"] is NSNull)
        let partial = try await validate(gateway, key: key, body(expectedName: "T. Account"))
        #expect(partial.json["name_match"] as? String == "partial")
        let mismatch = try await validate(gateway, key: key, body(expectedName: "Budi Santoso"))
        #expect(mismatch.status == 200)
        #expect(mismatch.json["valid"] as? Bool == true)
        #expect(mismatch.json["name_match"] as? String == "mismatch")
        let unnamed = try await validate(gateway, key: key, body())
        #expect(unnamed.json["name_match"] is NSNull)
        #expect(providers.duitku?.executedTransfers.isEmpty == true)
        try await gateway.stop()
        await providers.stop()
    }

    @Test func showsTheWholeAccountNumberToAdmins() async throws {
        let providers = try SimulatedProviders.start(up: [.duitku])
        let gateway = try await GatewayHarness.start(environment: providers.environment)
        let admin = try await gateway.key([.payoutsWrite, .admin])
        let answer = try await validate(gateway, key: admin, body(bank: "014"))
        #expect(answer.json["account_number"] as? String == "8760673566", "\(answer.body)")
        try await gateway.stop()
        await providers.stop()
    }

    @Test func aDefinitelyInvalidAccountIsValidFalse() async throws {
        // Duitku and SingaPay unreachable; Durianpay's sandbox refuses 9999… numbers (durianpay.md §6).
        let providers = try SimulatedProviders.start(up: [.durianpay])
        let gateway = try await GatewayHarness.start(environment: providers.environment)
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await validate(gateway, key: key, body(account: "9999000001", expectedName: "Budi"))
        #expect(answer.status == 200, "\(answer.body)")
        #expect(answer.json["valid"] as? Bool == false)
        #expect(answer.json["account_name"] is NSNull)
        #expect(answer.json["name_match"] is NSNull)
        #expect(answer.json["provider"] as? String == "durianpay")
        let failure = try #require(answer.json["failure"] as? [String: Any])
        #expect(failure["code"] as? String == "invalid_account")
        #expect(failure["provider"] as? String == "durianpay")
        #expect(failure["provider_code"] as? String == "invalid")
        #expect(!answer.body.contains("9999000001"))
        try await gateway.stop()
        await providers.stop()
    }

    @Test func failsOverWhenTheFirstProviderIsDown() async throws {
        let providers = try SimulatedProviders.start(up: [.singapay], down: [.duitku])
        let gateway = try await GatewayHarness.start(environment: providers.environment)
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await validate(gateway, key: key, body(expectedName: "Sandbox Holder 3566"))
        #expect(answer.status == 200)
        #expect(answer.json["provider"] as? String == "singapay")
        #expect(answer.json["account_name"] as? String == "SANDBOX HOLDER 3566")
        #expect(answer.json["name_match"] as? String == "match")
        try await gateway.stop()
        await providers.stop()
    }

    @Test func allProvidersDownIs503() async throws {
        let gateway = try await GatewayHarness.start()  // every provider at an unreachable address
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await validate(gateway, key: key, body(expectedName: "Budi"))
        #expect(answer.status == 503)
        #expect(answer.headers["content-type"] == "application/problem+json")
        #expect(answer.json["code"] as? String == "provider_unavailable")
        #expect(answer.headers["retry-after"] == "30")
        #expect((answer.json["detail"] as? String)?.contains("duitku, singapay, durianpay") == true)
        #expect(!answer.body.contains("8760673566"))
        try await gateway.stop()
    }

    @Test func noProviderWithAnInquiryIs422() async throws {
        var onlyDoku: [String: String] = [:]
        for (name, _) in GatewayHarness.providers where !name.hasPrefix("DOKU_") { onlyDoku[name] = "" }
        let gateway = try await GatewayHarness.start(environment: onlyDoku)
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await validate(gateway, key: key, body())
        #expect(answer.status == 422)
        #expect(answer.json["code"] as? String == "no_route")
        try await gateway.stop()
    }

    /// A payout asking for an account check nobody configured can make is refused, never sent
    /// unchecked; alone or as a batch item.
    @Test func aPayoutAskingForACheckNobodyCanMakeIs422() async throws {
        var onlyDoku: [String: String] = [:]
        for (name, _) in GatewayHarness.providers where !name.hasPrefix("DOKU_") { onlyDoku[name] = "" }
        let gateway = try await GatewayHarness.start(environment: onlyDoku)
        let key = try await gateway.key([.payoutsWrite])
        let checked = try await gateway.createPayout(payoutBody(extra: #","validate_account":true"#), key: key)
        #expect(checked.status == 422 && checked.errorFields == ["validate_account"], "\(checked.body)")
        let batch = batchBody(items: [payoutBody(reference: "b-0"), payoutBody(reference: "b-1", extra: #","validate_account":true"#)])
        let refused = try await gateway.createBatch(batch, key: key)
        #expect(refused.status == 422 && refused.errorFields == ["items[1].validate_account"], "\(refused.body)")
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        // Without the check DOKU pays it.
        #expect(try await gateway.createPayout(payoutBody(), key: key).status == 202)
        try await gateway.stop()
    }

    @Test func refusesBadInputListingEveryField() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let bad = try await validate(gateway, key: key, #"{"bank":"bcaa","account_number":"12ab","expected_name":"  ","amount":"1"}"#)
        #expect(bad.status == 422)
        #expect(bad.json["code"] as? String == "validation_failed")
        #expect(bad.errorFields == ["amount", "bank", "account_number", "expected_name"])
        #expect(bad.body.contains("did you mean bca"))
        let typed = try await validate(gateway, key: key, #"{"bank":"bca","account_number":8760673566}"#)
        #expect(typed.status == 422)
        #expect(typed.errorFields == ["account_number"])
        let missing = try await validate(gateway, key: key, #"{}"#)
        #expect(missing.errorFields == ["bank", "account_number"])
        let wallet = try await validate(gateway, key: key, body(bank: "ovo", account: "12345678"))
        #expect(wallet.errorFields == ["account_number"])
        let notJSON = try await gateway.request("POST", "/v1/account-validations",
                                                headers: ["Authorization": "Bearer \(key)", "Content-Type": "text/plain"], body: "x")
        #expect(notJSON.status == 415)
        try await gateway.stop()
    }

    @Test func needsThePayoutsWriteScope() async throws {
        let gateway = try await GatewayHarness.start()
        let reader = try await gateway.key([.payoutsRead, .ledgerRead])
        let answer = try await validate(gateway, key: reader, body())
        #expect(answer.status == 403)
        #expect(answer.json["code"] as? String == "forbidden")
        let anonymous = try await gateway.request("POST", "/v1/account-validations",
                                                  headers: ["Content-Type": "application/json"], body: body())
        #expect(anonymous.status == 401)
        try await gateway.stop()
    }
}

/// `validate_account` on payouts: accepted, stored and echoed.
@Suite struct ValidateAccountFlagTests {
    @Test func storesAndEchoesTheFlag() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite, .payoutsRead])
        let asked = try await gateway.createPayout(payoutBody(reference: "va-1", extra: #","validate_account":true"#), key: key)
        #expect(asked.status == 202)
        #expect(asked.json["validate_account"] as? Bool == true)
        let id = try #require(asked.json["id"] as? String)
        #expect(try await gateway.column("SELECT validate_account::text FROM payouts WHERE id = '\(id)'") == ["true"])
        #expect(try await gateway.get("/v1/payouts/\(id)", key: key).json["validate_account"] as? Bool == true)
        let stored = try #require(try await PayoutStore(pool: gateway.app.pool).payout(id: id))
        #expect(stored.payout.validatesAccount)
        let plain = try await gateway.createPayout(payoutBody(reference: "va-2"), key: key)
        #expect(plain.json["validate_account"] as? Bool == false)
        let listed = try await gateway.get("/v1/payouts?reference=va-2", key: key)
        #expect(((listed.json["data"] as? [[String: Any]])?.first?["validate_account"]) as? Bool == false)
        try await gateway.stop()
    }

    @Test func refusesANonBooleanFlag() async throws {
        let gateway = try await GatewayHarness.start()
        let key = try await gateway.key([.payoutsWrite])
        let answer = try await gateway.createPayout(payoutBody(extra: #","validate_account":"yes""#), key: key)
        #expect(answer.status == 422)
        #expect(answer.errorFields == ["validate_account"])
        #expect(try await gateway.column("SELECT count(*)::text FROM payouts") == ["0"])
        try await gateway.stop()
    }
}
