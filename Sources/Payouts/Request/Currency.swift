/// The currency of a payout; every provider we use pays rupiah only.
public enum Currency: String, CaseIterable, Hashable, Sendable {
    /// Indonesian rupiah (ISO 4217 `IDR`).
    case idr = "IDR"
}
