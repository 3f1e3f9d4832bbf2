/// What the gateway needs from a payout provider. One conformance per provider room
/// (`Providers/<Name>`); the gateway talks to providers only through this.
///
/// Contract for implementers:
/// - Never throw for what the provider or the network said: answer an outcome. `.unknown`
///   whenever the request may have reached the provider and no definite answer came back
///   (timeout after sending, 5xx, an unreadable body, a code the mapping has never seen, a
///   code the provider documents as "check status"). The gateway never resubmits an unknown
///   attempt; it asks `status(of:)` until the outcome is known.
/// - `.failed` only for a definite refusal: the provider certainly did not pay, so the gateway
///   may try another provider. Anything less certain is `.unknown`.
/// - The provider-side reference comes from `PayoutSubmission.providerReference` (payout id
///   plus attempt number), so a repeated call for the same attempt is recognisable by the
///   provider and a new attempt is distinct.
/// - Status mapping is one exhaustive `switch` per provider, no `default`.
/// - Secrets and account numbers never go into outcome messages or logs.
public protocol PayoutProvider: Sendable {
    var name: ProviderName { get }
    /// Clearing types this adapter can submit (`auto` means the provider picks the rail).
    var supportedClearings: Set<Clearing> { get }

    /// Whether `inquire` can name an account's holder (false when the provider has no inquiry call).
    var offersAccountInquiry: Bool { get }
    /// Bank account inquiry: the holder's name as the bank has it.
    func inquire(_ inquiry: AccountInquiry) async -> InquiryOutcome
    /// Whether `submit` needs a first step (Duitku's inquiry) that the gateway should run and
    /// record on its own, so a crash between the steps leaves an attempt it can ask about.
    var preparesBeforeSubmit: Bool { get }
    /// The first step of a two-step submission; moves no money.
    func prepare(_ submission: PayoutSubmission) async -> PreparationOutcome
    /// Sends one attempt of a payout.
    func submit(_ submission: PayoutSubmission) async -> ProviderOutcome
    /// Where an attempt stands now, by its provider reference.
    func status(of attempt: AttemptReference) async -> ProviderOutcome
    /// The provider's own view of our prefunded balance; nil when it offers no such call.
    func balance() async -> BalanceOutcome
    /// Verifies a callback against the raw body and headers and reads it.
    func verifyCallback(_ callback: ProviderCallback) -> CallbackOutcome
}

extension PayoutProvider {
    public var offersAccountInquiry: Bool { true }
    public var preparesBeforeSubmit: Bool { false }
    public func prepare(_ submission: PayoutSubmission) async -> PreparationOutcome {
        .ready(inquiryToken: nil, providerTransactionID: nil)
    }
}

/// The answer to the first step of a two-step submission.
public enum PreparationOutcome: Sendable, Hashable {
    /// Go on to `submit` with `inquiryToken`; `providerTransactionID` names the transfer for
    /// status checks from now on.
    case ready(inquiryToken: String?, providerTransactionID: String?)
    /// Definitely refused; no money can have moved, so another provider may be tried.
    case failed(ProviderFailure)
}

/// An account to look up.
public struct AccountInquiry: Sendable, Hashable {
    public var bank: Bank
    public var accountNumber: String
    /// Our reference for the inquiry (payout id and attempt when part of a payout).
    public var reference: String
    public var amount: Money

    public init(bank: Bank, accountNumber: String, reference: String, amount: Money) {
        self.bank = bank
        self.accountNumber = accountNumber
        self.reference = reference
        self.amount = amount
    }
}

/// The answer to an inquiry.
public enum InquiryOutcome: Sendable, Hashable {
    /// `inquiryToken`: what the provider needs to carry the inquiry into a submission
    /// (`PayoutSubmission.inquiryToken`; Duitku's `disburseId`), nil when it needs nothing.
    case found(accountName: String, inquiryToken: String? = nil)
    case rejected(ProviderFailure)
    case unknown(reason: String)
}

/// One attempt of a payout at one provider.
public struct PayoutSubmission: Sendable, Hashable {
    public var payoutID: String
    /// 1 for the first attempt; a new attempt (after a definite failure elsewhere) counts up.
    public var attempt: Int
    public var amount: Money
    public var beneficiary: Beneficiary
    public var clearing: Clearing
    public var description: String?
    /// Carried from an earlier inquiry step when the provider needs one (Duitku's `disburseId`).
    public var inquiryToken: String?
    /// The provider's code for the destination as routing chose it (a Syariah unit goes by its
    /// parent's, a refreshed bank list adds codes), so what is sent is what was routed; nil lets
    /// the adapter derive one from the bank.
    public var bankCode: String?

    public init(payoutID: String, attempt: Int, amount: Money, beneficiary: Beneficiary, clearing: Clearing,
                description: String? = nil, inquiryToken: String? = nil, bankCode: String? = nil) {
        self.payoutID = payoutID
        self.attempt = attempt
        self.amount = amount
        self.beneficiary = beneficiary
        self.clearing = clearing
        self.description = description
        self.inquiryToken = inquiryToken
        self.bankCode = bankCode
    }

    /// The provider-side reference: stable for this attempt, distinct for the next.
    public var providerReference: String { AttemptReference.make(payoutID: payoutID, attempt: attempt) }
}

/// How the gateway names an attempt to a provider when asking its status.
public struct AttemptReference: Sendable, Hashable {
    /// Our provider reference, as sent with the submission.
    public var providerReference: String
    /// The provider's own id for the transfer, when it gave one.
    public var providerTransactionID: String?

    public init(providerReference: String, providerTransactionID: String? = nil) {
        self.providerReference = providerReference
        self.providerTransactionID = providerTransactionID
    }

    /// `<payout id without the po_ prefix>-<attempt>`: letters and digits only, at most 32
    /// characters, because SingaPay caps references at 32 [singapay.md §2.1].
    public static func make(payoutID: String, attempt: Int) -> String {
        let core = payoutID.hasPrefix("po_") ? String(payoutID.dropFirst(3)) : payoutID
        return String(core.prefix(28)) + "a" + String(attempt)
    }
}

/// What a provider said about an attempt.
public enum ProviderOutcome: Sendable, Hashable {
    /// Taken and in progress; the final answer comes by callback or status check.
    case accepted(providerTransactionID: String?)
    /// Paid. `fee` when the provider reports one; `amount` when the answer says what the
    /// beneficiary was sent, which must be the payout's amount for the success to settle it.
    case succeeded(providerTransactionID: String?, fee: Money?, amount: Money? = nil)
    /// Definitely not paid.
    case failed(ProviderFailure)
    /// No definite answer: reconcile with `status(of:)`, never resubmit. `providerTransactionID`
    /// when the provider had already named the transfer (Duitku's `disburseId` comes from the
    /// inquiry, before the ambiguous transfer call), so the status check can find it.
    case unknown(reason: String, providerTransactionID: String? = nil)
}

/// A definite refusal, in neutral terms and in the provider's own.
public struct ProviderFailure: Error, Sendable, Hashable {
    public var code: FailureCode
    public var providerCode: String
    public var message: String

    public init(code: FailureCode, providerCode: String, message: String) {
        self.code = code
        self.providerCode = providerCode
        self.message = message
    }
}

/// The provider's balance answer.
public enum BalanceOutcome: Sendable, Hashable {
    case balance(Money)
    case notOffered
    case unavailable(reason: String)
}

/// A callback as received: raw body and headers, before any parsing.
public struct ProviderCallback: Sendable {
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The request path, for providers that sign it.
    public var path: String

    public init(headers: [(name: String, value: String)], body: [UInt8], path: String) {
        self.headers = headers
        self.body = body
        self.path = path
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A verified callback's news, or why it was refused.
public enum CallbackOutcome: Sendable, Hashable {
    case verified(CallbackNews)
    /// Bad or missing signature, or a body unreadable before the signature could be checked:
    /// answer 401 and change nothing.
    case rejected(reason: String)
    /// About something other than a payout attempt (another product's event at the same URL, a
    /// provider's sample): kept and acknowledged, so the provider does not retry it; nothing is
    /// read from it and nothing changes.
    case ignored(reason: String, acknowledgement: CallbackAcknowledgement)
    /// Signed by the provider, so genuine, but not in a shape this code can read (an undocumented
    /// payload, a field missing): kept for a person and acknowledged, since a retry would read no
    /// better; refusing it would drop the provider's word on a payout.
    case unreadable(reason: String, acknowledgement: CallbackAcknowledgement)
}

/// What a verified callback says about an attempt, and how to acknowledge it.
public struct CallbackNews: Sendable, Hashable {
    public var attempt: AttemptReference
    public var outcome: ProviderOutcome
    /// The answer the provider expects (Duitku wants `SUCCESS`, others a 2xx).
    public var acknowledgement: CallbackAcknowledgement
    /// False when the provider's signature leaves the status out (Duitku, Durianpay): a copy of
    /// one genuine callback could then be edited to say anything, so a final outcome it claims
    /// is taken from `status(of:)` instead.
    public var statusIsSigned: Bool

    public init(attempt: AttemptReference, outcome: ProviderOutcome, acknowledgement: CallbackAcknowledgement,
                statusIsSigned: Bool = true) {
        self.attempt = attempt
        self.outcome = outcome
        self.acknowledgement = acknowledgement
        self.statusIsSigned = statusIsSigned
    }
}

/// The HTTP answer a provider expects to a callback.
public struct CallbackAcknowledgement: Sendable, Hashable {
    public var status: Int
    public var contentType: String
    public var body: String

    public init(status: Int = 200, contentType: String = "application/json", body: String = #"{"status":"ok"}"#) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}
