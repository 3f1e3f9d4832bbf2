/// The two-phase rules, as pure functions from a request to the journal it needs (TigerBeetle's
/// pending transfers, STYLE.md §5). A payout's life in journals:
///
/// 1. `hold`: pending, funding `available_for_payouts` → `payouts_in_flight`.
/// 2. `route` (each time the dispatcher picks a provider): pending, money
///    `provider:<name>:prefunded` → `payouts_paid`; a refusal that allows failover voids it,
///    and the next attempt routes again.
/// 3. success: hold and route become posted, plus a posted `fee` journal;
///    failure or cancel: hold and any pending route become voided.
///
/// Which journals may change status is the business of `LedgerBook` and the store.
public enum Holds {
    /// Money placed at `provider`: its prefund and the business's available funding grow together.
    public static func fund(provider: String, amount: Int64, id: String) throws(LedgerError) -> Journal {
        let prefund = try LedgerAccount.prefunded(by: provider)
        return try Journal(
            id: id, kind: .fund, payoutID: nil, status: .posted,
            postings: [.debit(prefund, amount), .credit(.availableForPayouts, amount)])
    }

    /// Reserves `amount` of the business's funding for `payout` before any provider is chosen.
    public static func hold(payout: String, amount: Int64, id: String) throws(LedgerError) -> Journal {
        try Journal(
            id: id, kind: .hold, payoutID: payout, status: .pending,
            postings: [.debit(.availableForPayouts, amount), .credit(.payoutsInFlight, amount)])
    }

    /// Reserves the held `amount` on the prefund of `provider`, the one the dispatcher chose.
    public static func route(payout: String, amount: Int64, to provider: String, id: String) throws(LedgerError) -> Journal {
        let prefund = try LedgerAccount.prefunded(by: provider)
        return try Journal(
            id: id, kind: .route, payoutID: payout, status: .pending,
            postings: [.debit(.payoutsPaid, amount), .credit(prefund, amount)])
    }

    /// A provider's `fee` for a successful payout, taken from its prefund, and the funding it used:
    /// both layers move so `available_for_payouts` keeps matching the prefunds.
    public static func fee(payout: String, amount: Int64, provider: String, id: String) throws(LedgerError) -> Journal {
        let prefund = try LedgerAccount.prefunded(by: provider)
        return try Journal(
            id: id, kind: .fee, payoutID: payout, status: .posted,
            postings: [
                .debit(.providerFees, amount), .credit(prefund, amount),
                .debit(.availableForPayouts, amount), .credit(.payoutsInFlight, amount),
            ])
    }
}
