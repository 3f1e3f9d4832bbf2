@testable import Gateway
import Testing

/// Balances are written with their sign; an overflowed one (Int64.min) is written, not a trap.
@Suite struct SignedAmountTests {
    @Test(arguments: [(Int64(0), "0.00"), (150_000, "150000.00"), (-2_500, "-2500.00"),
                      (Int64.max, "9223372036854775807.00"), (Int64.min, "-9223372036854775808.00")])
    func writesWholeRupiahWithItsSign(rupiah: Int64, text: String) {
        #expect(LedgerRoutes.signed(rupiah) == text)
    }
}
