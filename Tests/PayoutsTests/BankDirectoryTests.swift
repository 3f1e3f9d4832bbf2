import Testing
@testable import Payouts

@Suite struct BankDirectoryTests {
    let directory = BankDirectory.standard

    @Test(arguments: BankCodesDocument.rows)
    func resolvesEveryDocumentedCodeToOneBank(row: Row) throws {
        let bank = try #require(directory.lookup(row.codes[0]), "\(row) does not resolve")
        for code in row.codes {
            #expect(directory.lookup(code)?.id == bank.id, "\(code) of \(row)")
        }
        #expect(bank.biCode == row.biCode)
        #expect(bank.durianpayCode == row.durianpayCode)
        #expect(bank.isBIFastParticipant == row.isBIFastParticipant)
        let swiftCodes = [bank.swiftCode].compactMap { $0 } + bank.aliases.filter { $0.count == 8 && $0 == $0.uppercased() }
        #expect(Set(swiftCodes.map { $0.uppercased() }) == Set(row.swiftCodes))
        #expect(row.walletCodes.allSatisfy { $0 == bank.duitkuWalletCode })
    }

    @Test func coversEveryDocumentRowWithADistinctBank() {
        let ids = BankCodesDocument.rows.compactMap { directory.lookup($0.codes[0])?.id }
        #expect(Set(ids).count == BankCodesDocument.rows.count)
    }

    @Test func findsEveryBankByItsExactIdOnly() {
        for bank in directory.banks {
            #expect(directory.bank(id: bank.id)?.id == bank.id)
        }
        #expect(directory.bank(id: "BCA") == nil)
        #expect(directory.bank(id: "014") == nil)
    }

    @Test func sharesNoCodeWithinAScheme() {
        let schemes: [(String, (Bank) -> String?)] = [
            ("id", { $0.id }), ("bi", { $0.biCode }), ("swift", { $0.swiftCode }),
            ("durianpay", { $0.durianpayCode }), ("duitku wallet", { $0.duitkuWalletCode }),
        ]
        for (scheme, code) in schemes {
            let codes = directory.banks.compactMap(code).map { $0.lowercased() }
            #expect(Set(codes).count == codes.count, "duplicate \(scheme) code")
        }
        let keys = directory.banks.flatMap { Set($0.lookupKeys.map(BankDirectory.normalized)) }
        #expect(Set(keys).count == keys.count, "a lookup key names two banks")
    }

    @Test func codesHaveTheirSchemesShape() {
        for bank in directory.banks {
            #expect(bank.biCode.map { $0.count == 3 && $0.isASCIIDigits } ?? true, "\(bank.id)")
            #expect(bank.swiftCode.map { $0.count == 8 && $0 == $0.uppercased() } ?? true, "\(bank.id)")
            #expect(bank.id == bank.id.lowercased() && !bank.id.contains(" "), "\(bank.id)")
            #expect(bank.biCode != nil || bank.parentID != nil || bank.duitkuWalletCode != nil, "\(bank.id)")
            if let parent = bank.parentID { #expect(directory.lookup(parent)?.biCode != nil) }
        }
    }

    @Test(arguments: [
        ("014", "bca"), ("CENAIDJA", "bca"), ("cenaidja", "bca"), ("  BCA ", "bca"), ("bca", "bca"),
        ("BMRIIDJA", "mandiri"), ("btpnidja", "btpn"), ("bca-syariah", "bca_syariah"), ("1010", "ovo"),
        ("911", "linkaja"), ("1014", "linkaja"), ("SYBTIDJ1", "btn_syariah"), ("bsm", "bsi"),
    ])
    func looksUpAnyScheme(code: String, id: String) {
        #expect(directory.lookup(code)?.id == id)
    }

    @Test(arguments: ["", "   ", "01", "bcaa", "CENAIDJ", "0140", "mandiri?"])
    func refusesUnknownCodes(code: String) {
        #expect(directory.lookup(code) == nil)
    }

    @Test func leavesUnverifiedDurianpayGuessesOut() {
        let confirmed = directory.banks.compactMap(\.durianpayCode).sorted()
        #expect(confirmed == ["bca", "bni", "cimb"])
    }

    @Test func flagsCodesOfDoubtfulConfidence() {
        #expect(directory.lookup("btpn")?.swiftConfidence == .conflict)
        #expect(directory.lookup("947")?.swiftConfidence == .unverified)
        #expect(directory.lookup("bca")?.swiftConfidence == .confirmed)
        #expect(directory.lookup("seabank")?.swiftConfidence == nil)
    }

    @Test func marksWalletsAsWallets() {
        let wallets = directory.banks.filter { $0.kind == .ewallet }.map(\.id)
        #expect(wallets == ["ovo", "gopay", "dana", "shopeepay", "linkaja", "imkas"])
    }
}
