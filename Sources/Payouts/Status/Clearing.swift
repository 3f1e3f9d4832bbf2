/// The interbank rail a payout travels on, as a client may request it.
///
/// Rails and their limits: providers/clearing-rules.md §1. Which rail a provider supports is the
/// router's concern; this type only names them.
public enum Clearing: String, CaseIterable, Hashable, Sendable {
    /// Let the router choose the rail.
    case auto
    /// Online transfer over the ATM switching networks (RTOL), 24/7 [seed-004][doku-fin].
    case online
    /// BI-FAST, 24/7, at most IDR 250,000,000 per transfer [bifast-250].
    case bifast
    /// SKNBI ("kliring", LLG), business days, at most IDR 1,000,000,000 [batampos-2019].
    case llg
    /// BI-RTGS, business days, for amounts above IDR 100,000,000 [kompas-2016].
    case rtgs
    /// A provider's host-to-host link with the bank; Duitku offers it for five banks [seed-004].
    case h2h
}
