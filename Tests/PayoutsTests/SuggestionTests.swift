import Testing
@testable import Payouts

@Suite struct SuggestionTests {
    let directory = BankDirectory.standard

    func ids(_ query: String, limit: Int = 3) -> [String] {
        directory.suggestions(for: query, limit: limit).map(\.id)
    }

    @Test func suggestsTheBankOneTypoAway() {
        #expect(ids("bcaa").first == "bca")
        #expect(ids("bnii").first == "bni")
        #expect(ids("CENAIDJB").first == "bca")
    }

    @Test func suggestsMandiriLikeBanksForMisspellings() {
        #expect(ids("mandri").first == "mandiri")
        #expect(Set(ids("mandri")).isSubset(of: ["mandiri", "bsi", "mantap"]))
        #expect(ids("mandiri syariah").first == "bsi")
        #expect(ids("mandiri syariah").contains("mandiri"))
    }

    @Test func suggestsBanksWhoseBICodeStartsWithTheDigits() {
        let suggested = directory.suggestions(for: "01")
        #expect(suggested.count == 3)
        #expect(suggested.allSatisfy { $0.biCode?.hasPrefix("01") == true })
    }

    @Test func respectsTheLimit() {
        #expect(ids("01", limit: 5).count == 5)
        #expect(ids("01", limit: 0).isEmpty)
    }

    @Test func suggestsNothingForNonsense() {
        #expect(ids("zzzzzzzzzz").isEmpty)
        #expect(ids("").isEmpty)
    }

    @Test func measuresEditDistance() {
        func distance(_ a: String, _ b: String) -> Int {
            Suggestion.editDistance(Array(a.utf8), Array(b.utf8), cap: 10)
        }
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("abc", "") == 3)
        #expect(distance("bca", "bca") == 0)
        #expect(Suggestion.editDistance(Array("aaaa".utf8), Array("bbbb".utf8), cap: 1) == 2)
    }
}
