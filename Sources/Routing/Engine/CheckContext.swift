import Payouts

/// The rules of the issue applied to one candidate, each leaving a reason whether it passed or failed.
struct CheckContext {
    let request: RouteRequest
    let capabilities: Capabilities
    let calendar: BusinessCalendar
    let health: ProviderHealth
    let now: Timestamp
    /// `amount <rupiah>`, the start of every amount reason, formatted once a route.
    let amountText: String

    init(request: RouteRequest, capabilities: Capabilities, calendar: BusinessCalendar, health: ProviderHealth,
         now: Timestamp) {
        self.request = request
        self.capabilities = capabilities
        self.calendar = calendar
        self.health = health
        self.now = now
        amountText = "amount \(request.amount.rupiah)"
    }

    /// Reasons collected while checking one candidate.
    struct Verdict {
        /// Room for a candidate's usual eight to ten reasons from the start.
        var reasons: [String] = { var reasons: [String] = []; reasons.reserveCapacity(12); return reasons }()
        var failures = 0
        var healthFailed = false

        mutating func pass(_ reason: String) { reasons.append(reason) }
        mutating func fail(_ reason: String) {
            reasons.append(reason)
            failures += 1
        }
        mutating func check(_ passed: Bool, _ pass: @autoclosure () -> String, else fail: @autoclosure () -> String) {
            if passed { self.pass(pass()) } else { self.fail(fail()) }
        }
    }

    func evaluate(_ capability: ProviderCapability, _ clearing: Clearing, _ offer: ClearingOffer) -> Candidate {
        var verdict = Verdict()
        let fixed = FixedReasons.of(capability.provider)
        verdict.check(capability.isEnabled, fixed.enabled, else: fixed.disabled)
        checkCallerChoices(capability.provider, clearing, &verdict)
        verdict.check(offer.isEnabled, fixed.offered[clearing.tieBreakRank], else: fixed.disabledAt[clearing.tieBreakRank])
        let code = checkBank(capability, clearing, offer, &verdict)
        checkAmount(capability, clearing, offer, &verdict)
        checkHealth(capability.provider, &verdict)
        let beforeWindow = verdict.failures
        let timing = checkWindow(clearing, offer, &verdict)
        return Candidate(
            provider: capability.provider, clearing: clearing, eligible: verdict.failures == 0,
            reasons: verdict.reasons, fee: offer.fee, settlement: timing.settlement, isOpenNow: timing.isOpen,
            opensAt: timing.opensAt, bankCode: code, priority: capability.priority,
            failedOnlyOnHealth: verdict.healthFailed && verdict.failures == 1,
            failedOnlyOnWindow: beforeWindow == 0 && verdict.failures == 1
        )
    }

    /// A pinned provider and a requested rail are honoured or the candidate is refused.
    func checkCallerChoices(_ provider: ProviderName, _ clearing: Clearing, _ verdict: inout Verdict) {
        if let pinned = request.provider {
            verdict.check(pinned == provider, "\(provider.rawValue) pinned by the caller",
                          else: "\(provider.rawValue) is not the pinned provider (\(pinned.rawValue))")
        }
        if request.clearing == .auto {
            verdict.pass("clearing auto: any rail")
        } else {
            verdict.check(request.clearing == clearing, FixedReasons.of(clearing).requested,
                          else: "\(clearing.displayName) is not the requested clearing (\(request.clearing.displayName))")
        }
    }

    /// The destination must be payable by the provider, on this rail, and not switched off.
    func checkBank(_ capability: ProviderCapability, _ clearing: Clearing, _ offer: ClearingOffer,
                   _ verdict: inout Verdict) -> String? {
        let bank = request.bank
        let name = capability.provider.rawValue
        let code = capability.bankCodes[bank.id]
        if capabilities.disabledBanks.contains(bank.id) {
            verdict.fail("bank \(bank.id) disabled by configuration")
        } else if capability.disabledBanks.contains(bank.id) {
            verdict.fail("bank \(bank.id) disabled at \(name) by configuration")
        } else if let code {
            verdict.pass("\(name) pays \(bank.id) as \(code)")
        } else {
            verdict.fail(bank.kind == .ewallet ? "\(name) does not pay e-wallet \(bank.id)" : "\(name) cannot pay \(bank.id)")
        }
        if bank.kind == .ewallet {
            // E-wallets are separate channels, never BI-FAST/SKN/RTGS (clearing-rules.md §2 rule 6).
            verdict.check(clearing == .online || clearing == .auto, FixedReasons.of(clearing).paysEWallets,
                          else: "\(clearing.displayName) cannot pay e-wallet \(bank.id) (bank accounts only)")
        }
        if clearing == .bifast {
            verdict.check(bank.isBIFastParticipant, "\(bank.id) takes part in BI-FAST",
                          else: "\(bank.id) is not a BI-FAST participant")
        }
        if let only = offer.onlyBanks {
            verdict.check(only.contains(bank.id), "\(clearing.displayName) reaches \(bank.id)",
                          else: "\(clearing.displayName) at \(name) reaches only \(only.sorted().joined(separator: ", "))")
        }
        return code
    }
}
