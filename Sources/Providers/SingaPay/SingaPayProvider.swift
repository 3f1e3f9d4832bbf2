import FoundationEssentials
import HTTP
import HTTPClient
import Payouts

/// SingaPay B2B money-out [singapay.md] behind the neutral contract: signed v2.0 transfers keyed
/// by the attempt's reference, read back by that reference.
public final class SingaPayProvider: PayoutProvider {
    /// Always `.singapay`.
    public let name = ProviderName.singapay
    /// SingaPay picks the rail itself (BI-FAST when it can) [singapay.md §7].
    public let supportedClearings: Set<Clearing> = [.auto]

    let configuration: SingaPayConfiguration
    let session: SingaPaySession

    /// An adapter sending through `client`; `clock` dates token signatures and timestamps
    /// money-out signatures, and judges webhook freshness.
    public init(configuration: SingaPayConfiguration, client: HTTPClient, clock: @escaping @Sendable () -> Timestamp) {
        self.configuration = configuration
        self.session = SingaPaySession(configuration: configuration, client: client, clock: clock)
    }

    /// `POST /api/v2.0/disbursement/transfer`, signed over the exact bytes sent [singapay.md §1.4, §2.1].
    public func submit(_ submission: PayoutSubmission) async -> ProviderOutcome {
        let bank = submission.beneficiary.bank
        guard let bankCode = submission.bankCode ?? bank.biCode ?? bank.swiftCode else {
            return .failed(ProviderFailure(code: .noRoute, providerCode: "unsupported_bank",
                                           message: "no BI or SWIFT code for \(bank.id)"))
        }
        let body = Self.transferBody(submission, accountID: configuration.accountID, bankCode: bankCode)
        let answer = await session.call(.post, "/api/v2.0/disbursement/transfer", body: body.canonicalBytes, signed: true)
        switch answer {
        case .notSent(let why):
            return .failed(ProviderFailure(code: .providerUnavailable, providerCode: "not_sent", message: "SingaPay not reached: \(why)"))
        case .tokenRefused(let why):
            return .failed(ProviderFailure(code: .providerUnavailable, providerCode: "no_token", message: "SingaPay: \(why)"))
        case .maybeSent(let why):
            return .unknown(reason: "SingaPay transfer: \(why)")
        case .answered(let response):
            return await transferOutcome(response, reference: submission.providerReference)
        }
    }

    /// `POST /api/v2.0/disbursement/{account_id}/inquiry-status` by our reference [singapay.md §2.2].
    /// Anything but a readable `SP000` leaves the attempt unknown: a failed lookup says nothing
    /// about the money.
    public func status(of attempt: AttemptReference) async -> ProviderOutcome {
        switch await inquiry(reference: attempt.providerReference) {
        case .transfer(let outcome): outcome
        case .notFound: .unknown(reason: "SingaPay inquiry-status answered SP009")
        case .unanswered(let why): .unknown(reason: why)
        }
    }

    /// What inquiry-status says about a reference.
    enum Inquiry {
        case transfer(ProviderOutcome)
        /// `SP009`: no transfer under the reference (yet).
        case notFound
        case unanswered(String)
    }

    func inquiry(reference: String) async -> Inquiry {
        let body = SingaPayJSON.object(["reference_number": .string(reference)])
        let path = "/api/v2.0/disbursement/\(configuration.accountID)/inquiry-status"
        guard case .answered(let response) = await session.call(.post, path, body: body.canonicalBytes, signed: false) else {
            return .unanswered("SingaPay inquiry-status not answered")
        }
        return Self.inquiryAnswer(response, reference: reference)
    }

    /// Reads an inquiry-status answer: the code first, the transaction only where SP000 says one
    /// is there, and only a transaction naming the reference asked about (or naming none).
    static func inquiryAnswer(_ response: ClientResponse, reference: String) -> Inquiry {
        guard let envelope = decode(SingaPayV2Envelope<SingaPayIgnored>.self, response.body) else {
            return .unanswered("SingaPay inquiry-status answered \(response.status.code), unreadable")
        }
        switch SingaPayResponseCode(envelope.response_code).meaning {
        case .readTransactionStatus:
            guard let data = transaction(in: response.body) else {
                return .unanswered("SingaPay inquiry-status SP000 without a readable transaction")
            }
            // Another transfer's status must not settle this attempt.
            guard data.reference_number.map({ $0 == reference }) ?? true else {
                return .unanswered("SingaPay inquiry-status answered for another reference")
            }
            return .transfer(Self.outcome(of: data))
        case .notFound:
            return .notFound
        default:
            return .unanswered("SingaPay inquiry-status answered \(envelope.response_code)")
        }
    }

    /// `POST /api/v1.0/disbursement/check-beneficiary`: the v1 form, the one the reference SDK
    /// saw work in sandbox (v2 answered SP014 there) [singapay.md §2.5].
    public func inquire(_ inquiry: AccountInquiry) async -> InquiryOutcome {
        guard let swift = inquiry.bank.swiftCode else {
            return .rejected(ProviderFailure(code: .noRoute, providerCode: "unsupported_bank",
                                             message: "no SWIFT code for \(inquiry.bank.id)"))
        }
        let body = SingaPayJSON.object(["bank_swift_code": .string(swift), "bank_account_number": .string(inquiry.accountNumber)])
        let answer = await session.call(.post, "/api/v1.0/disbursement/check-beneficiary", body: body.canonicalBytes, signed: false)
        switch answer {
        case .notSent, .tokenRefused:
            return .rejected(ProviderFailure(code: .providerUnavailable, providerCode: "not_sent", message: "SingaPay: \(answer)"))
        case .maybeSent:
            return .unknown(reason: "SingaPay check-beneficiary: \(answer)")
        case .answered(let response):
            return Self.inquiryOutcome(response)
        }
    }

    /// `GET /api/v1.0/balance-inquiry/{account_id}` [singapay.md §2.7].
    public func balance() async -> BalanceOutcome {
        let answer = await session.call(.get, "/api/v1.0/balance-inquiry/\(configuration.accountID)", body: [], signed: false)
        guard case .answered(let response) = answer, response.status.code == 200,
              let data = decode(SingaPayV1Envelope<SingaPayBalance>.self, response.body)?.data,
              let money = Money(decimal: data.balance.value.text) else {
            return .unavailable(reason: "SingaPay balance: \(answer)")
        }
        return .balance(money)
    }

    /// See `SingaPayCallback`.
    public func verifyCallback(_ callback: ProviderCallback) -> CallbackOutcome {
        SingaPayCallback(signer: session.signer, now: session.clock()).verify(callback)
    }
}

extension SingaPayProvider {
    /// The transfer body [singapay.md §2.1]: `amount` as a plain integer (never a float, whose
    /// text differs between languages), `notes` only when given.
    static func transferBody(_ submission: PayoutSubmission, accountID: String, bankCode: String) -> SingaPayJSON {
        var fields: [String: SingaPayJSON] = [
            "account_id": .string(accountID),
            "amount": .number(String(submission.amount.rupiah)),
            "bank_account_number": .string(submission.beneficiary.accountNumber),
            "bank_code": .string(bankCode),
            "reference_number": .string(submission.providerReference),
        ]
        if let notes = submission.description { fields["notes"] = .string(String(notes.prefix(100))) }
        return .object(fields)
    }

    /// The code decides first: an error's `data` may be no transaction at all (SP018's field map
    /// [singapay.md §5]), and must not turn a definite refusal into an unreadable answer.
    func transferOutcome(_ response: ClientResponse, reference: String) async -> ProviderOutcome {
        guard let envelope = decode(SingaPayV2Envelope<SingaPayIgnored>.self, response.body) else {
            return .unknown(reason: "SingaPay transfer answered \(response.status.code), unreadable")
        }
        let code = envelope.response_code
        switch SingaPayResponseCode(code).meaning {
        case .readTransactionStatus:
            guard let data = Self.transaction(in: response.body) else {
                return .unknown(reason: "SingaPay SP000 without a readable transaction")
            }
            return Self.outcome(of: data)
        case .duplicateReference:
            // This attempt reached SingaPay before: report that transfer [singapay.md §9 gap 4].
            return await status(of: AttemptReference(providerReference: reference))
        case .checkStatus, .notFound:
            return .unknown(reason: "SingaPay transfer answered \(code)")
        case .tokenExpired:
            // Refused twice as unauthorized after a renewal: the transfer was not taken.
            return .failed(ProviderFailure(code: .rejectedByProvider, providerCode: code, message: "SingaPay: unauthorized"))
        case .refused(let failure):
            return .failed(ProviderFailure(code: failure, providerCode: code,
                                           message: envelope.response_message ?? "SingaPay refused the transfer"))
        case .refusedUnlessFound(let failure):
            switch await inquiry(reference: reference) {
            case .notFound:
                return .failed(ProviderFailure(code: failure, providerCode: code,
                                               message: envelope.response_message ?? "SingaPay refused the transfer"))
            case .transfer(let outcome):
                return outcome
            case .unanswered(let why):
                return .unknown(reason: "SingaPay transfer answered \(code), then \(why)")
            }
        }
    }

    /// The transaction in a v2 answer's `data`; nil when there is none or it is not one.
    static func transaction(in body: [UInt8]) -> SingaPayTransaction? {
        decode(SingaPayV2Envelope<SingaPayTransaction>.self, body)?.data
    }

    static func outcome(of data: SingaPayTransaction) -> ProviderOutcome {
        let fee = data.fee.flatMap { Money(decimal: $0.value.text) }
        return SingaPayTransactionCode(data.transaction_status.code)
            .outcome(transactionID: data.transaction_id, fee: fee, amount: data.net_amount.flatMap { Money(decimal: $0.value.text) },
                     reason: data.failed_reason)
    }

    static func inquiryOutcome(_ response: ClientResponse) -> InquiryOutcome {
        let code = response.status.code
        if code == 200, let data = decode(SingaPayV1Envelope<SingaPayBeneficiary>.self, response.body)?.data {
            if data.status == "valid" {
                // A valid account without its holder's name names nobody: no answer, the next provider is asked.
                guard let name = data.bank_account_name, !name.allSatisfy(\.isWhitespace) else {
                    return .unknown(reason: "SingaPay check-beneficiary valid without bank_account_name")
                }
                return .found(accountName: name)
            }
            if data.status == "invalid" {
                return .rejected(ProviderFailure(code: .invalidAccount, providerCode: "invalid", message: "SingaPay: account is invalid"))
            }
        }
        if (400..<500).contains(code) {
            let raw = decode(SingaPayV2Envelope<SingaPayIgnored>.self, response.body)?.response_code ?? String(code)
            // SP010 names the beneficiary account as not found [singapay.md §5]. SP014 "Not Found"
            // means a failed verification only on v2 [singapay.md §2.5]; from this v1 call it may
            // be the endpoint or the bank, so the next provider is asked.
            let failure: FailureCode = raw == "SP010" ? .invalidAccount : .rejectedByProvider
            return .rejected(ProviderFailure(code: failure, providerCode: raw, message: "SingaPay refused the check"))
        }
        return .unknown(reason: "SingaPay check-beneficiary answered \(code)")
    }
}

func decode<Value: Decodable>(_ type: Value.Type, _ bytes: [UInt8]) -> Value? {
    try? JSONDecoder().decode(type, from: Data(bytes))
}
