import Testing
import Payouts

@Suite struct MoneyTests {
    @Test(arguments: [
        ("150000", 150_000), ("150000.0", 150_000), ("150000.00", 150_000), ("0", 0), ("0.00", 0),
        ("10000", 10_000), ("9223372036854775807", Int64.max), ("9223372036854775807.00", Int64.max),
    ] as [(String, Int64)])
    func parsesWholeRupiah(text: String, rupiah: Int64) {
        #expect(Money(decimal: text)?.rupiah == rupiah)
    }

    @Test(arguments: [
        ("", Money.ParseError.empty), ("-1", .negative), ("+1", .sign), (" 1", .invalidCharacter(" ")),
        ("1 ", .invalidCharacter(" ")), ("150,000", .invalidCharacter(",")), ("1e5", .invalidCharacter("e")),
        ("1.0.0", .invalidCharacter(".")), ("١٢", .invalidCharacter("١")), ("0150000", .leadingZero),
        ("00", .leadingZero), ("150000.", .missingDigits), (".50", .missingDigits), (".", .missingDigits),
        ("1.000", .fractionTooLong), ("150000.50", .fractionalRupiah), ("1.01", .fractionalRupiah),
        ("1.5", .fractionalRupiah), ("9223372036854775808", .overflow), ("99999999999999999999", .overflow),
    ])
    func refusesWithAReason(text: String, reason: Money.ParseError) {
        #expect(Money.parse(text) == .failure(reason))
        #expect(Money(decimal: text) == nil)
    }

    @Test func answersWithTwoDecimals() {
        #expect(Money(decimal: "150000")?.decimalString == "150000.00")
        #expect(Money.zero.decimalString == "0.00")
        #expect(Money(rupiah: Int64.max)?.decimalString == "9223372036854775807.00")
    }

    @Test func refusesNegativeRupiah() {
        #expect(Money(rupiah: -1) == nil)
        #expect(Money(rupiah: 0) == .zero)
    }

    @Test func addsAndSubtractsWithoutOverflowOrGoingNegative() throws {
        let one = try #require(Money(rupiah: 1))
        let max = try #require(Money(rupiah: .max))
        #expect(one.adding(one)?.rupiah == 2)
        #expect(max.adding(one) == nil)
        #expect(max.subtracting(one)?.rupiah == Int64.max - 1)
        #expect(one.subtracting(max) == nil)
        #expect(one.subtracting(one) == .zero)
        #expect(max.multiplied(by: 2) == nil)
        #expect(one.multiplied(by: -1) == nil)
        #expect(one.multiplied(by: 3)?.rupiah == 3)
    }

    @Test func ordersByAmount() throws {
        let small = try #require(Money(decimal: "9999"))
        let large = try #require(Money(decimal: "10000.00"))
        #expect(small < large)
        #expect(Money(decimal: "10000") == large)
    }
}
