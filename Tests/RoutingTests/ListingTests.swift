import Payouts
import Routing
import Testing

/// A provider's published bank list replacing the shipped destinations and caps.
@Suite struct ListingTests {
    static let duitku = Capabilities.defaults.providers[.duitku]!

    @Test func theListDecidesDestinationsCodesAndCaps() throws {
        let listing = [
            ListedDestination(code: "014", maximum: Money(rupiah: 50_000_000)),
            ListedDestination(code: "002", maximum: Money(rupiah: 100_000_000)),
            ListedDestination(code: "1010", maximum: Money(rupiah: 25_000_000)),
            ListedDestination(code: "9876", maximum: Money(rupiah: 1)),
        ]
        let (refreshed, unknown) = Self.duitku.refreshed(from: listing, directory: .standard)
        #expect(unknown == ["9876"])
        let ovo = try #require(BankDirectory.standard.lookup("1010")).id
        #expect(Set(refreshed.bankCodes.keys) == ["bca", "bri", ovo])
        #expect(refreshed.bankCodes["bca"] == "014")
        #expect(refreshed.onlineCaps["bri"] == Money(rupiah: 100_000_000))
        #expect(refreshed.onlineCaps[ovo] == Money(rupiah: 25_000_000))
        #expect(refreshed.clearings == Self.duitku.clearings)
        #expect(Self.duitku.bankCodes["mandiri"] != nil && refreshed.bankCodes["mandiri"] == nil)
    }

    /// Lists name a Syariah unit's parent only; the unit is paid under the parent's code, and
    /// stays payable while the parent is listed.
    @Test func aSyariahUnitKeepsItsParentsCodeWhileTheParentIsListed() {
        #expect(Self.duitku.bankCodes["danamon_syariah"] == "011")
        let (listed, _) = Self.duitku.refreshed(from: [ListedDestination(code: "011", maximum: nil)], directory: .standard)
        #expect(listed.bankCodes == ["danamon": "011", "danamon_syariah": "011"])
        let (unlisted, _) = Self.duitku.refreshed(from: [ListedDestination(code: "014", maximum: nil)], directory: .standard)
        #expect(unlisted.bankCodes["danamon_syariah"] == nil)
    }

    @Test func aListWithoutCapsKeepsTheCapsOfTheBanksStillListed() {
        let (refreshed, _) = Self.duitku.refreshed(from: [ListedDestination(code: "014", maximum: nil)], directory: .standard)
        #expect(Array(refreshed.bankCodes.keys) == ["bca"])
        #expect(refreshed.onlineCaps == Self.duitku.onlineCaps.filter { $0.key == "bca" })
    }

    @Test func anUnusableListKeepsWhatRoutingHad() {
        #expect(Self.duitku.refreshed(from: [], directory: .standard).capability == Self.duitku)
        let unknownOnly = Self.duitku.refreshed(from: [ListedDestination(code: "9876", maximum: nil)], directory: .standard)
        #expect(unknownOnly.capability == Self.duitku)
        #expect(unknownOnly.unknownCodes == ["9876"])
    }
}
