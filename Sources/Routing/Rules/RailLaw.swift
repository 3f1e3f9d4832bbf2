import Payouts

/// The limits Bank Indonesia sets on each rail, whichever provider carries the payout.
///
/// Providers may be stricter (their own `ClearingOffer` limits), never looser: `RoutingConfiguration`
/// refuses a file that would let a provider exceed these. Sources: providers/clearing-rules.md §1.
public enum RailLaw {
    /// BI-FAST: at most IDR 250,000,000 per transfer [bifast-250].
    public static let bifastMaximum = idr(250_000_000)
    /// SKNBI / LLG: at most IDR 1,000,000,000 per transfer since 1 Sep 2019 [batampos-2019][duta-2019].
    public static let llgMaximum = idr(1_000_000_000)
    /// BI-RTGS: customer transfers must be *greater than* IDR 100,000,000 [kompas-2016][kontan-2014];
    /// kept as the smallest whole-rupiah amount allowed, so limits stay inclusive everywhere.
    public static let rtgsMinimum = idr(100_000_001)
}

/// A literal amount in whole rupiah; only for constants written in this room, never for input.
func idr(_ rupiah: Int64) -> Money {
    guard let money = Money(rupiah: rupiah) else { preconditionFailure("negative literal \(rupiah)") }
    return money
}
