import HTTPClient
import Payouts

/// Duitku disbursement [seed-004]: online transfer (RTOL) and clearing (LLG, RTGS, BIFAST, H2H),
/// each an inquiry that reserves a `disburseId` followed by a transfer that moves the money.
///
/// Safety rules this adapter keeps (duitku.md §3, §5):
/// - Anything going wrong before the transfer call is a failure with no money moved: an
///   inquiry reserves an id and pays nothing.
/// - After the transfer call, only a code that declines the transfer is a failure; a timeout,
///   a 5xx, an unreadable body and the "do not retry" codes (TO, 68, -100…) are `.unknown`
///   carrying the disburseId, which `status(of:)` then asks `inquirystatus` about.
/// - A submission that carries an `inquiryToken` reuses its disburseId, so calling `submit`
///   twice for one attempt is answered `-142` (already finished) instead of paying twice.
public final class DuitkuProvider: PayoutProvider {
    let configuration: DuitkuConfiguration
    let client: HTTPClient
    let clock: @Sendable () -> Int64
    let signer: DuitkuSigner

    /// An adapter; `clock` gives Unix time in milliseconds (Duitku's `timestamp`).
    public init(configuration: DuitkuConfiguration, client: HTTPClient, clock: @escaping @Sendable () -> Int64) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
        self.signer = DuitkuSigner(email: configuration.email, secretKey: configuration.secretKey)
    }

    public var name: ProviderName { .duitku }

    /// RTOL and the four clearing `type`s; Duitku never picks the rail itself (`auto` is not offered).
    public var supportedClearings: Set<Clearing> { [.online, .llg, .rtgs, .bifast, .h2h] }

    /// An online-transfer inquiry; the token carries its disburseId, name and custRefNumber into `submit`.
    public func inquire(_ inquiry: AccountInquiry) async -> InquiryOutcome {
        guard let bankCode = Self.bankCode(inquiry.bank) else {
            return .rejected(Self.unsupportedBank)
        }
        let target = DuitkuTarget(rail: .online, bankCode: bankCode, bankAccount: inquiry.accountNumber,
                                  amount: inquiry.amount.rupiah, purpose: "Inquiry \(inquiry.reference)",
                                  custRefNumber: nil)
        return Self.inquiryOutcome(await runInquiry(target))
    }

    /// An approved inquiry without a holder's name has not named anyone: inconclusive, so the
    /// caller asks another provider rather than compare against a blank.
    static func inquiryOutcome(_ step: DuitkuInquiryStep) -> InquiryOutcome {
        switch step {
        case .found(let inquired) where inquired.accountName.allSatisfy(\.isWhitespace):
            return .unknown(reason: "Duitku inquiry approved without an account name")
        case .found(let inquired): return .found(accountName: inquired.accountName, inquiryToken: inquired.token)
        case .refused(let failure): return .rejected(failure)
        case .inconclusive(let reason): return .unknown(reason: reason)
        }
    }

    /// The inquiry step on the submission's rail: it reserves a disburseId and moves no money, so
    /// the gateway records the token before the transfer and a crash after it is reconcilable.
    public var preparesBeforeSubmit: Bool { true }

    public func prepare(_ submission: PayoutSubmission) async -> PreparationOutcome {
        let target: DuitkuTarget
        switch self.target(of: submission) {
        case .success(let found): target = found
        case .failure(let failure): return .failed(failure)
        }
        switch await runInquiry(target) {
        case .found(let found): return .ready(inquiryToken: found.token, providerTransactionID: found.disburseID)
        case .refused(let failure): return .failed(failure)
        case .inconclusive(let reason):
            // The inquiry reserves an id only: trying another provider cannot pay twice (§5).
            return .failed(ProviderFailure(code: .providerUnavailable, providerCode: "", message: reason))
        }
    }

    /// Inquiry (unless the token carries one for the same rail), then transfer, as one attempt.
    public func submit(_ submission: PayoutSubmission) async -> ProviderOutcome {
        let target: DuitkuTarget
        switch self.target(of: submission) {
        case .success(let found): target = found
        case .failure(let failure): return .failed(failure)
        }
        let inquired: DuitkuInquired
        if let token = submission.inquiryToken, let carried = DuitkuInquired(token: token), carried.rail == target.rail {
            inquired = carried
        } else {
            switch await prepare(submission) {
            case .ready(let token, _):
                guard let token, let found = DuitkuInquired(token: token) else {
                    return .failed(ProviderFailure(code: .providerUnavailable, providerCode: "", message: "inquiry gave no disburseId"))
                }
                inquired = found
            case .failed(let failure): return .failed(failure)
            }
        }
        return await runTransfer(target, inquired)
    }

    private func target(of submission: PayoutSubmission) -> Result<DuitkuTarget, ProviderFailure> {
        guard let rail = DuitkuRail(submission.clearing) else {
            return .failure(ProviderFailure(code: .noRoute, providerCode: "",
                                            message: "Duitku does not offer clearing \(submission.clearing.rawValue)"))
        }
        guard let bankCode = submission.bankCode ?? Self.bankCode(submission.beneficiary.bank) else {
            return .failure(Self.unsupportedBank)
        }
        return .success(DuitkuTarget(rail: rail, bankCode: bankCode, bankAccount: submission.beneficiary.accountNumber,
                                     amount: submission.amount.rupiah, purpose: Self.purpose(submission),
                                     custRefNumber: rail == .online ? nil : Self.custRefNumber(submission.providerReference)))
    }

    /// Asks `inquirystatus` by disburseId; without one nothing can be asked, so it stays unknown.
    public func status(of attempt: AttemptReference) async -> ProviderOutcome {
        guard let disburseID = attempt.providerTransactionID else {
            return .unknown(reason: "no Duitku disburseId is known for this attempt")
        }
        let timestamp = clock()
        let body = DuitkuStatusRequest(disburseId: disburseID, userId: configuration.userID, email: configuration.email,
                                       timestamp: timestamp,
                                       signature: signer.inquiryStatus(timestamp: timestamp, disburseID: disburseID))
        switch await post(.inquiryStatus, body) {
        case .answered(let response):
            return DuitkuStatus.afterStatusCheck(response.responseCode ?? "", desc: response.responseDesc ?? "",
                                                 disburseID: disburseID, amount: response.amountTransfer?.money)
        case .notSent(let reason), .maybeSent(let reason), .unreadable(let reason):
            return .unknown(reason: reason, providerTransactionID: disburseID)
        }
    }

    /// `checkbalance`'s `effectiveBalance`: what can be disbursed now (§2.4).
    public func balance() async -> BalanceOutcome {
        let timestamp = clock()
        let body = DuitkuAccountRequest(userId: configuration.userID, email: configuration.email, timestamp: timestamp,
                                        signature: signer.checkBalance(timestamp: timestamp))
        switch await post(.checkBalance, body) {
        case .answered(let response):
            guard response.responseCode == "00", let rupiah = response.effectiveBalance?.rupiah,
                  let money = Money(rupiah: rupiah) else {
                return .unavailable(reason: "Duitku checkbalance answered \(response.responseCode ?? "no code")")
            }
            return .balance(money)
        case .notSent(let reason), .maybeSent(let reason), .unreadable(let reason):
            return .unavailable(reason: reason)
        }
    }

    /// Duitku's bank list (`listBank`) with per-bank caps, for routing; nil when it cannot be read.
    public func listBanks() async -> [DuitkuListedBank]? {
        let timestamp = clock()
        let body = DuitkuAccountRequest(userId: configuration.userID, email: configuration.email, timestamp: timestamp,
                                        signature: signer.listBank(timestamp: timestamp))
        guard case .answered(let response) = await post(.listBank, body), response.responseCode == "00" else { return nil }
        return response.Banks ?? []
    }

    /// Verifies an H2H clearing callback (see `DuitkuCallback`).
    public func verifyCallback(_ callback: ProviderCallback) -> CallbackOutcome {
        DuitkuCallback(email: configuration.email, signer: signer).verify(callback)
    }

    static let unsupportedBank = ProviderFailure(code: .noRoute, providerCode: "",
                                                 message: "the bank has no Duitku bank code")

    /// Duitku's `bankCode`: the e-wallet's 4-digit code, else the 3-digit BI code (duitku.md §8).
    static func bankCode(_ bank: Bank) -> String? {
        bank.duitkuWalletCode ?? bank.biCode
    }
}
