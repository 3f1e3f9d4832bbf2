import Testing
import Payouts

/// Each rule at its edge and one past it.
@Suite struct ValidationEdgeTests {
    @Test func referenceIsOneToSixtyFourSafeCharacters() {
        #expect(failedFields { $0.reference = text(64) } == [])
        #expect(failedFields { $0.reference = text(65) } == ["reference"])
        #expect(failedFields { $0.reference = "a" } == [])
        #expect(failedFields { $0.reference = "" } == ["reference"])
        #expect(failedFields { $0.reference = "a b" } == ["reference"])
        #expect(failedFields { $0.reference = "a/b" } == ["reference"])
        #expect(failedFields { $0.reference = "é" } == ["reference"])
        #expect(failedFields { $0.reference = nil } == ["reference"])
    }

    @Test func amountIsTenThousandToDokusMaximum() {
        #expect(failedFields { $0.amount = "9999" } == ["amount"])
        #expect(failedFields { $0.amount = "10000" } == [])
        #expect(failedFields { $0.amount = "999999999999.00" } == [])
        #expect(failedFields { $0.amount = "1000000000000" } == ["amount"])
        #expect(failedFields { $0.amount = "150000.50" } == ["amount"])
        #expect(failedFields { $0.amount = "150,000" } == ["amount"])
        #expect(failedFields { $0.amount = nil } == ["amount"])
    }

    @Test func amountToAnEwalletStopsAtTwentyFiveMillion() {
        let wallet: (inout PayoutDraft) -> Void = { $0.beneficiary?.bank = "ovo"; $0.beneficiary?.accountNumber = "082211789110" }
        #expect(failedFields { wallet(&$0); $0.amount = "25000000" } == [])
        #expect(failedFields { wallet(&$0); $0.amount = "25000001" } == ["amount"])
        #expect(issues { wallet(&$0); $0.amount = "25000001" }.first?.message.contains("e-wallet") == true)
    }

    @Test func amountMessagesSayWhatIsWrong() {
        #expect(issues { $0.amount = "9999" }.first?.message == "must be at least 10000.00")
        #expect(issues { $0.amount = "1.50" }.first?.message == "must be whole rupiah (IDR payouts have no cents)")
    }

    @Test func currencyIsExactlyIDR() {
        #expect(failedFields { $0.currency = "idr" } == ["currency"])
        #expect(failedFields { $0.currency = "USD" } == ["currency"])
        #expect(failedFields { $0.currency = nil } == ["currency"])
    }

    @Test func accountNumberIsSixToThirtyDigits() {
        #expect(failedFields { $0.beneficiary?.accountNumber = text(6, "1") } == [])
        #expect(failedFields { $0.beneficiary?.accountNumber = text(5, "1") } == ["beneficiary.account_number"])
        #expect(failedFields { $0.beneficiary?.accountNumber = text(30, "1") } == [])
        #expect(failedFields { $0.beneficiary?.accountNumber = text(31, "1") } == ["beneficiary.account_number"])
        #expect(failedFields { $0.beneficiary?.accountNumber = "8760-673566" } == ["beneficiary.account_number"])
        #expect(failedFields { $0.beneficiary?.accountNumber = " 8760673566" } == ["beneficiary.account_number"])
    }

    @Test func ewalletAccountIsAMobileNumber() {
        let ovo: (inout PayoutDraft) -> Void = { $0.beneficiary?.bank = "1010" }
        #expect(failedFields { ovo(&$0); $0.beneficiary?.accountNumber = "0812345678" } == [])
        #expect(failedFields { ovo(&$0); $0.beneficiary?.accountNumber = "081234567" } == ["beneficiary.account_number"])
        #expect(failedFields { ovo(&$0); $0.beneficiary?.accountNumber = "62812345678901" } == [])
        #expect(failedFields { ovo(&$0); $0.beneficiary?.accountNumber = "628123456789012" } == ["beneficiary.account_number"])
        #expect(failedFields { ovo(&$0); $0.beneficiary?.accountNumber = "8760673566" } == ["beneficiary.account_number"])
    }

    @Test func accountNameIsOneToFiftyPrintableCharactersAfterTrimming() {
        #expect(failedFields { $0.beneficiary?.accountName = " " + text(50) + " " } == [])
        #expect(failedFields { $0.beneficiary?.accountName = text(51) } == ["beneficiary.account_name"])
        #expect(failedFields { $0.beneficiary?.accountName = "B" } == [])
        #expect(failedFields { $0.beneficiary?.accountName = " \t " } == ["beneficiary.account_name"])
        #expect(failedFields { $0.beneficiary?.accountName = "Budi\u{0}Santoso" } == ["beneficiary.account_name"])
        #expect(failedFields { $0.beneficiary?.accountName = "Budi\nSantoso" } == ["beneficiary.account_name"])
        #expect(failedFields { $0.beneficiary?.accountName = "Zoë Ñ. O'Brien" } == [])
    }

    @Test func emailIsOptionalPlausibleAndAtMost254() {
        let local = text(64)
        let at254 = local + "@" + text(185) + ".com"
        #expect(at254.count == 254)
        #expect(failedFields { $0.beneficiary?.email = nil } == [])
        #expect(failedFields { $0.beneficiary?.email = at254 } == [])
        #expect(failedFields { $0.beneficiary?.email = at254 + "m" } == ["beneficiary.email"])
        for bad in ["", "budi", "budi@", "@example.com", "budi@example", "a@b@c.com", "bu di@example.com"] {
            #expect(failedFields { $0.beneficiary?.email = bad } == ["beneficiary.email"], "\(bad)")
        }
    }

    @Test func phoneIsEightToFifteenDigitsWithOptionalPlus() {
        #expect(failedFields { $0.beneficiary?.phone = nil } == [])
        #expect(failedFields { $0.beneficiary?.phone = text(8, "1") } == [])
        #expect(failedFields { $0.beneficiary?.phone = text(7, "1") } == ["beneficiary.phone"])
        #expect(failedFields { $0.beneficiary?.phone = "+" + text(15, "1") } == [])
        #expect(failedFields { $0.beneficiary?.phone = "+" + text(16, "1") } == ["beneficiary.phone"])
        #expect(failedFields { $0.beneficiary?.phone = "++62812345678" } == ["beneficiary.phone"])
        #expect(failedFields { $0.beneficiary?.phone = "0812-3456-78" } == ["beneficiary.phone"])
    }

    @Test func clearingAndProviderAreKnownWireNames() {
        #expect(failedFields { $0.clearing = "BIFAST" } == ["clearing"])
        #expect(failedFields { $0.provider = "xendit" } == ["provider"])
        #expect(issues { $0.clearing = "fast" }.first?.message == "must be one of auto, online, bifast, llg, rtgs, h2h")
    }

    @Test func descriptionIsAtMostOneHundredCharacters() {
        #expect(failedFields { $0.description = text(100) } == [])
        #expect(failedFields { $0.description = text(101) } == ["description"])
        #expect(failedFields { $0.description = "bad\u{7}bell" } == ["description"])
    }

    @Test func metadataHasAtMostTwentyKeys() {
        let pairs = { (count: Int) in Dictionary(uniqueKeysWithValues: (0..<count).map { ("k\($0)", "v") }) }
        #expect(failedFields { $0.metadata = pairs(20) } == [])
        #expect(failedFields { $0.metadata = pairs(21) } == ["metadata"])
    }

    @Test func metadataKeysAndValuesHaveBounds() {
        #expect(failedFields { $0.metadata = [text(40): "v"] } == [])
        #expect(failedFields { $0.metadata = [text(41): "v"] } == ["metadata.\(text(41))"])
        #expect(failedFields { $0.metadata = ["": "v"] } == ["metadata"])
        #expect(failedFields { $0.metadata = ["a b": "v"] } == ["metadata"])
        #expect(failedFields { $0.metadata = ["foo": text(500)] } == [])
        #expect(failedFields { $0.metadata = ["foo": text(501)] } == ["metadata.foo"])
        #expect(failedFields { $0.metadata = ["foo": "a\u{1}b\nc"] } == [])
        #expect(failedFields { $0.metadata = ["foo": "a\u{0}b"] } == ["metadata.foo"])
    }
}
