import Payouts

// Default capabilities, every number with its source (keys as in providers/*.md).
//
// FEES ARE PLACEHOLDERS unless a source is given: no provider document we hold publishes a fee
// schedule (Duitku gap 5, Durianpay §7, SingaPay "fee varies per bank, ask check-fee" [sp-intro],
// DOKU none). Fees are operator configuration: set the contracted ones in ROUTING_FILE. The
// placeholders keep the rails in their usual price order (BI-FAST < SKN < online < RTGS), so
// `auto` behaves sensibly until then.

extension Capabilities {
    /// The shipped capabilities of all four providers, from providers/*.md.
    public static let defaults = Capabilities(providers: [
        .duitku: duitku, .singapay: singapay, .doku: doku, .durianpay: durianpay,
    ])

    /// Placeholder fees (see the file comment), named so every use reads as one.
    enum PlaceholderFee {
        /// BI caps the BI-FAST customer fee at Rp 2,500 (public BI announcements, not in our
        /// sources); used as the provider fee placeholder.
        static let bifast = idr(2_500)
        /// SKN customer fee cap Rp 3,500 (2019) [batampos-2019]; placeholder for the provider fee.
        static let llg = idr(3_500)
        /// Placeholder: the usual ATM-network interbank transfer price, Rp 6,500.
        static let online = idr(6_500)
        /// Placeholder: a typical bank RTGS price, Rp 25,000.
        static let rtgs = idr(25_000)
        /// Placeholder: Duitku H2H, no source.
        static let h2h = idr(4_000)
        /// Placeholder: SingaPay quotes per bank through check-fee [sp-intro].
        static let singapay = idr(5_000)
        /// Placeholder: DOKU RDL, no fee found [doku.md §7].
        static let doku = idr(5_000)
        /// Durianpay sample batch `fees` 4000 for one item [dp-fetch-one]: a sample, not a schedule.
        static let durianpay = idr(4_000)
    }

    /// Smallest payout at Duitku, DOKU and SingaPay: Rp 10,000 [dk-overview][seed-002][sp-limits].
    static let documentedMinimum = idr(10_000)

    /// Duitku: the caller picks the rail with `type` [seed-004]; bank and wallet codes from its list.
    static let duitku = ProviderCapability(
        provider: .duitku, priority: 1,
        amountMinimum: documentedMinimum, // RTOL min Rp 10,000 [dk-overview]
        amountMaximum: nil, // no overall maximum documented; each rail caps itself
        bankCodes: duitkuCodes(BankDirectory.standard),
        clearings: [
            // RTOL: 24/7, max Rp 100,000,000 except per-bank caps below [dk-overview][seed-004].
            .online: ClearingOffer(maximum: idr(100_000_000), fee: PlaceholderFee.online,
                                   window: .always, settlement: .instant),
            // BI-FAST: 24/7 [seed-004]; Duitku states no cap, BI's applies [bifast-250].
            .bifast: ClearingOffer(maximum: RailLaw.bifastMaximum, fee: PlaceholderFee.bifast,
                                   window: .always, settlement: .instant),
            // LLG: max Rp 1,000,000,000, 08:00–15:00 business days [seed-004]; SKN settles in batches.
            .llg: ClearingOffer(maximum: RailLaw.llgMaximum, fee: PlaceholderFee.llg,
                                window: .biBusinessHours, settlement: .sameBusinessDay),
            // RTGS: "minimal 100,000,000" [seed-004], BI: above 100 million [kompas-2016]; same window.
            .rtgs: ClearingOffer(minimum: RailLaw.rtgsMinimum, fee: PlaceholderFee.rtgs,
                                 window: .biBusinessHours, settlement: .instant),
            // H2H: BNI, BRI, Mandiri, Permata, CIMB only [seed-004]. Each bank's own schedule and
            // limit are unpublished; inference, the safe side: the BI business window, and above
            // Rp 1,000,000,000 RTGS only (clearing-rules.md §2 rule 4) rather than a cheaper H2H.
            .h2h: ClearingOffer(maximum: RailLaw.llgMaximum, fee: PlaceholderFee.h2h, window: .biBusinessHours,
                                settlement: .sameBusinessDay, onlyBanks: ["bni", "bri", "mandiri", "permata", "cimb"]),
        ],
        onlineCaps: [
            "bca": idr(50_000_000), // listBank sample [seed-004]
            "bri": idr(100_000_000), // listBank sample [seed-004]
            "permata": idr(50_000_000), // [dk-overview]
            "ovo": idr(25_000_000), // listBank sample [seed-004]
        ],
        // Placeholder for wallets without a listed cap: the lower published wallet cap,
        // SingaPay's 20,000,000 [sp-limits]; a bank-list refresh replaces it with listBank's value.
        ewalletCapFallback: idr(20_000_000)
    )

    /// SingaPay picks the rail itself: BI-FAST when the bank takes part, else RTGS or others [sp-limits].
    static let singapay = ProviderCapability(
        provider: .singapay, priority: 2,
        amountMinimum: documentedMinimum, // [sp-limits]
        amountMaximum: RailLaw.bifastMaximum, // Rp 250,000,000, merchant-configurable [sp-limits]
        bankCodes: biCodes(BankDirectory.standard), // `bank_code` takes the 3-digit code [sp-intro]
        clearings: [
            .auto: ClearingOffer(fee: PlaceholderFee.singapay, window: .biBusinessHours, settlement: .instant),
        ]
        // E-wallets go through a separate top-up API whose vendor codes we have not captured
        // (bank-codes.md, E-wallets), so none are payable by default.
    )

    /// DOKU RDL: the rail is not documented [doku.md §7]; amounts Rp 10,000 – 999,999,999,999 [seed-002].
    static let doku = ProviderCapability(
        provider: .doku, priority: 3,
        amountMinimum: documentedMinimum,
        amountMaximum: idr(999_999_999_999),
        bankCodes: swiftCodes(BankDirectory.standard),
        clearings: [
            .auto: ClearingOffer(fee: PlaceholderFee.doku, window: .biBusinessHours, settlement: .instant),
        ]
    )

    /// Durianpay legacy: provider picks the rail; limits undocumented [durianpay.md §7]; the API is
    /// being retired [durianpay.md §9.1], hence last priority.
    static let durianpay = ProviderCapability(
        provider: .durianpay, priority: 4,
        amountMinimum: documentedMinimum, // none documented; the gateway floor (PayoutLimits.amountMin)
        // Placeholder: no maximum documented; kept at the BI-FAST cap so large sums are not sent
        // through an untested limit. Raise in ROUTING_FILE once Durianpay confirms.
        amountMaximum: RailLaw.bifastMaximum,
        bankCodes: durianpayCodes(BankDirectory.standard), // confirmed `bca`, `cimb`, `bni` only
        clearings: [
            .auto: ClearingOffer(fee: PlaceholderFee.durianpay, window: .biBusinessHours, settlement: .instant),
        ]
    )
}
