import Crypto
import Payouts
import Routing

/// Asks providers who holds a bank account, trying the next when one cannot say, and compares
/// the answer with the name the client expects. Moves no money, so trying several is safe.
struct AccountValidator: Sendable {
    let providers: ProviderRegistry
    let routing: RoutingService
    let logger: Logger
    let calls: DeadlineRunner
    /// How long one provider may take before the next is asked.
    let inquiryDeadline: Duration

    /// Duitku's inquiry needs an amount [seed-004]; the smallest payout any provider accepts
    /// passes every per-bank minimum and cap.
    static let inquiryAmount = PayoutLimits().amountMin

    /// The configured providers that can inquire and can pay `bank`, in routing priority order.
    func candidates(for bank: Bank) -> [any PayoutProvider] {
        let configuration = routing.configuration
        let reachable = Set(RoutingEngine.reach(of: bank, capabilities: configuration.capabilities,
                                                calendar: configuration.calendar).map(\.provider))
        let priority = { (name: ProviderName) in configuration.capabilities.providers[name]?.priority ?? Int.max }
        return providers.all
            .filter { reachable.contains($0.name) && $0.offersAccountInquiry }
            .sorted { (priority($0.name), $0.name.order) < (priority($1.name), $1.name.order) }
    }

    /// The problem with asking `validate_account` of a payout to `bank`, if no configured
    /// provider can check its accounts; nil when one can.
    func refusal(of request: PayoutRequest) -> String? {
        guard request.validatesAccount, candidates(for: request.beneficiary.bank).isEmpty else { return nil }
        return "no configured provider can check accounts at \(request.beneficiary.bank.name)"
    }

    /// Asks the candidates in turn until one knows the account or says it is invalid.
    func validate(bank: Bank, accountNumber: String, expectedName: String?) async -> AccountValidationResult {
        let candidates = candidates(for: bank)
        guard !candidates.isEmpty else { return .notOffered }
        var asked: [ProviderName] = []
        for provider in candidates {
            asked.append(provider.name)
            let inquiry = AccountInquiry(bank: bank, accountNumber: accountNumber,
                                         reference: SecureRandom.identifier(prefix: "av"), amount: Self.inquiryAmount)
            let outcome = await calls.answer(within: inquiryDeadline) { await provider.inquire(inquiry) }
            switch outcome {
            case .found(let accountName, _) where HolderName(accountName).tokens.isEmpty:
                // "Valid" with no name (Durianpay leaves it empty while still checking): no answer.
                note(provider.name, bank: bank, reason: "account found without a holder name")
            case .found(let accountName, _):
                let match = expectedName.map { NameMatch(expected: $0, actual: accountName) }
                return .found(provider: provider.name, accountName: accountName, nameMatch: match)
            case .rejected(let failure) where failure.code == .invalidAccount:
                return .invalid(provider: provider.name, failure: failure)
            case .rejected(let failure):
                note(provider.name, bank: bank, reason: "\(failure.code.rawValue) \(failure.providerCode): \(failure.message)")
            case .unknown(let reason):
                note(provider.name, bank: bank, reason: reason)
            case nil:
                note(provider.name, bank: bank, reason: "no answer within \(inquiryDeadline)")
            }
        }
        return .unavailable(asked: asked)
    }

    /// Why a provider could not say; the next one is asked. Never the account number.
    private func note(_ provider: ProviderName, bank: Bank, reason: String) {
        logger.warning("account inquiry inconclusive", [("provider", .string(provider.rawValue)), ("bank", .string(bank.id)),
                                                        ("reason", .string(String(reason.prefix(200))))])
    }
}

extension ProviderName {
    /// Position in `allCases`, to break priority ties the same way in every process.
    var order: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
}
