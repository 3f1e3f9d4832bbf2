import HTTP
import HTTPClient
import Payouts

/// Durianpay's legacy disbursement API [seed-000][seed-001] behind the neutral contract: each
/// attempt is a one-item batch with `force_disburse=true`, keyed by the attempt's reference.
public final class DurianpayProvider: PayoutProvider {
    /// Always `.durianpay`.
    public let name = ProviderName.durianpay
    /// Durianpay picks the rail itself; the legacy API has no rail field [seed-001].
    public let supportedClearings: Set<Clearing> = [.auto]

    let configuration: DurianpayConfiguration
    let client: HTTPClient
    let clock: @Sendable () -> Timestamp
    let signer: DurianpaySigner

    /// An adapter sending through `client`; `clock` is kept for parity with the other adapters
    /// (Durianpay signs nothing with time).
    public init(configuration: DurianpayConfiguration, client: HTTPClient,
                clock: @escaping @Sendable () -> Timestamp) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
        self.signer = DurianpaySigner(serverKey: configuration.serverKey)
    }

    /// Submits a one-item batch; a repeat of the same attempt is refused by Durianpay with 403
    /// (duplicate idempotency key), which we answer by reading the existing batch [durianpay.md §1.2].
    public func submit(_ submission: PayoutSubmission) async -> ProviderOutcome {
        guard let bankCode = submission.bankCode ?? submission.beneficiary.bank.durianpayCode else {
            return .failed(ProviderFailure(code: .noRoute, providerCode: "unsupported_bank",
                                           message: "no confirmed Durianpay bank code for \(submission.beneficiary.bank.id)"))
        }
        let reference = submission.providerReference
        let request = submitBody(submission, bankCode: bankCode)
        let answer = await send(.post, "/v1/disbursements/submit?force_disburse=true",
                                body: request, extraHeaders: [("idempotency_key", reference)])
        switch answer {
        case .notSent(let reason):
            return .failed(ProviderFailure(code: .providerUnavailable, providerCode: "not_sent",
                                           message: "Durianpay not reached: \(reason)"))
        case .maybeSent(let reason):
            return .unknown(reason: "Durianpay submit: \(reason)")
        case .answered(let response):
            return await submitOutcome(response, reference: reference)
        }
    }

    /// Reads the batch (by its id, or by our idempotency key after a timeout [durianpay.md §2.4])
    /// and then its item, whose status decides [durianpay.md §3]. A batch that is not this
    /// attempt's (an id that came from elsewhere) says nothing about it: unknown.
    public func status(of attempt: AttemptReference) async -> ProviderOutcome {
        let batchAnswer: Answer
        if let id = attempt.providerTransactionID {
            batchAnswer = await send(.get, "/v1/disbursements/\(id)", body: Optional<DurianpayStatusRequest>.none)
        } else {
            batchAnswer = await send(.post, "/v1/disbursements/status",
                                     body: DurianpayStatusRequest(idempotency_key: attempt.providerReference))
        }
        guard case .answered(let response) = batchAnswer else { return .unknown(reason: "Durianpay status: \(batchAnswer)") }
        // A 404 right after an ambiguous submit may only mean "not yet visible" [durianpay.md §3];
        // 5xx must never mark a batch failed [dp-fetch-ref]. Both stay unknown.
        guard response.status.code == 200,
              let batch = decode(DurianpayEnvelope<DurianpayBatch>.self, response.body)?.data else {
            return .unknown(reason: "Durianpay status answered \(response.status.code)")
        }
        guard Self.batch(batch, isFor: attempt.providerReference) else {
            return .unknown(reason: "Durianpay batch \(batch.id.prefix(64)) is not this attempt's")
        }
        return await itemOutcome(of: batch)
    }

    /// Whether `batch` is the one submitted for `reference`: its echoed `idempotency_key` and its
    /// `name` are both the reference (submitBody) [durianpay.md §1.2, §2.3]. Older answers carry
    /// only the name [durianpay.md §2.3]; a batch echoing neither cannot be told apart.
    static func batch(_ batch: DurianpayBatch, isFor reference: String) -> Bool {
        let echoed = [batch.idempotency_key, batch.name].compactMap { $0 }
        return !echoed.isEmpty && echoed.allSatisfy { $0 == reference }
    }

    /// Account validation [durianpay.md §2.6]; `processing` means the bank has not answered yet.
    public func inquire(_ inquiry: AccountInquiry) async -> InquiryOutcome {
        guard let bankCode = inquiry.bank.durianpayCode else {
            return .rejected(ProviderFailure(code: .noRoute, providerCode: "unsupported_bank",
                                             message: "no confirmed Durianpay bank code for \(inquiry.bank.id)"))
        }
        let answer = await send(.post, "/v1/disbursements/validate",
                                body: DurianpayValidateRequest(account_number: inquiry.accountNumber, bank_code: bankCode),
                                extraHeaders: [("X-Idempotency-Key", inquiry.reference)])
        switch answer {
        case .notSent(let reason):
            return .rejected(ProviderFailure(code: .providerUnavailable, providerCode: "not_sent",
                                             message: "Durianpay not reached: \(reason)"))
        case .maybeSent(let reason):
            return .unknown(reason: "Durianpay validate: \(reason)")
        case .answered(let response):
            return inquiryOutcome(response)
        }
    }

    /// The banks Durianpay pays and its codes for them, `GET /v1/disbursements/banks` [durianpay.md §2][sdk-go];
    /// nil when the answer is missing or unreadable.
    public func listBanks() async -> [DurianpayListedBank]? {
        let answer = await send(.get, "/v1/disbursements/banks", body: Optional<DurianpayStatusRequest>.none)
        guard case .answered(let response) = answer, response.status.code == 200 else { return nil }
        return decode(DurianpayEnvelope<[DurianpayListedBank]>.self, response.body)?.data
    }

    /// The prefunded balance, `GET /v1/disbursements/topup/balance` [durianpay.md §2.7][sdk-go].
    public func balance() async -> BalanceOutcome {
        let answer = await send(.get, "/v1/disbursements/topup/balance", body: Optional<DurianpayStatusRequest>.none)
        guard case .answered(let response) = answer, response.status.code == 200,
              let balance = decode(DurianpayEnvelope<DurianpayBalance>.self, response.body)?.data.balance,
              let money = Money(rupiah: balance) else {
            return .unavailable(reason: "Durianpay balance unreadable")
        }
        return .balance(money)
    }

    /// See `DurianpayCallback`.
    public func verifyCallback(_ callback: ProviderCallback) -> CallbackOutcome {
        DurianpayCallback(signer: signer).verify(callback)
    }
}

extension DurianpayProvider {
    /// The batch name carries our reference because webhooks do not echo the idempotency key
    /// [seed-000 payload samples]; the name is how a callback finds its attempt.
    func submitBody(_ submission: PayoutSubmission, bankCode: String) -> DurianpaySubmitRequest {
        let beneficiary = submission.beneficiary
        let item = DurianpaySubmitItem(
            account_owner_name: beneficiary.accountName, bank_code: bankCode,
            amount: String(submission.amount.rupiah), account_number: beneficiary.accountNumber,
            email_recipient: beneficiary.email ?? configuration.fallbackRecipientEmail,
            phone_number: beneficiary.phone ?? configuration.fallbackRecipientPhone,
            notes: submission.description)
        return DurianpaySubmitRequest(name: submission.providerReference,
                                      description: submission.description ?? "payout " + submission.payoutID,
                                      items: [item])
    }

    func submitOutcome(_ response: ClientResponse, reference: String) async -> ProviderOutcome {
        let code = response.status.code
        switch code {
        case 200:
            guard let batch = decode(DurianpayEnvelope<DurianpayBatch>.self, response.body)?.data else {
                return .unknown(reason: "Durianpay submit answered 200 with an unreadable body")
            }
            return .accepted(providerTransactionID: batch.id)
        case 403 where errorCode(response) == "DISBURSEMENT_ALREADY_EXIST_WITH_GIVEN_IDEMPOTENCY_KEY":
            // Our earlier try of this attempt got through: report that batch, never a new one [durianpay.md §5].
            return await status(of: AttemptReference(providerReference: reference))
        case 400, 401:
            // A 4xx means Durianpay created nothing [dp-errors]: safe to try elsewhere.
            let error = decode(DurianpayErrorBody.self, response.body)
            return .failed(ProviderFailure(code: .rejectedByProvider, providerCode: error?.error_code ?? String(code),
                                           message: error?.error ?? "Durianpay refused the batch (\(code))"))
        default:
            // 5xx, 504 and anything undocumented: the batch may exist [durianpay.md §5].
            return .unknown(reason: "Durianpay submit answered \(code)")
        }
    }

    func itemOutcome(of batch: DurianpayBatch) async -> ProviderOutcome {
        let answer = await send(.get, "/v1/disbursements/\(batch.id)/items?skip=0&limit=25",
                                body: Optional<DurianpayStatusRequest>.none)
        if case .answered(let response) = answer, response.status.code == 200,
           let page = decode(DurianpayEnvelope<DurianpayItemsPage>.self, response.body)?.data,
           let item = page.disbursement_batch_items?.first {
            return DurianpayStatus.item(item.status).verdict
                .outcome(batchID: batch.id, providerCode: item.status, detail: item.failure_reason,
                         amount: item.amount.flatMap { Money(decimal: $0) })
        }
        guard let raw = batch.status else { return .unknown(reason: "Durianpay batch without status or items") }
        return DurianpayStatus.batch(raw).verdict.outcome(batchID: batch.id, providerCode: raw, detail: nil)
    }

    func inquiryOutcome(_ response: ClientResponse) -> InquiryOutcome {
        let code = response.status.code
        guard code == 200 else {
            if code == 400 || code == 401 {
                let error = decode(DurianpayErrorBody.self, response.body)
                return .rejected(ProviderFailure(code: .rejectedByProvider, providerCode: error?.error_code ?? String(code),
                                                 message: error?.error ?? "Durianpay refused the validation"))
            }
            // 409 (a reused key, durianpay.md §5) and 5xx say nothing about the account.
            return .unknown(reason: "Durianpay validate answered \(code)")
        }
        guard let validation = decode(DurianpayEnvelope<DurianpayValidation>.self, response.body)?.data else {
            return .unknown(reason: "Durianpay validate answered an unreadable body")
        }
        switch validation.status {
        case "valid":
            // A valid account must come with its holder; a blank one names nobody and is no answer.
            guard let holder = validation.account_holder, !holder.allSatisfy(\.isWhitespace) else {
                return .unknown(reason: "Durianpay validation valid without account_holder")
            }
            return .found(accountName: holder)
        case "invalid":
            return .rejected(ProviderFailure(code: .invalidAccount, providerCode: "invalid",
                                             message: "Durianpay: account is invalid"))
        case "processing":
            // The check is asynchronous and account_holder is empty until it ends [durianpay.md §2.6].
            return .unknown(reason: "Durianpay validation still processing")
        default:
            // A value never documented.
            return .unknown(reason: "Durianpay validation " + validation.status)
        }
    }
}
