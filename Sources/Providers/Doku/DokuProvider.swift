import Crypto
import HTTP
import HTTPClient
import Payouts

/// DOKU RDL disbursement [seed-002]: one signed POST; DOKU answers `PENDING` and settles later.
///
/// The attempt names both the `Request-Id` (DOKU's duplicate guard) and `transaction.id`, so
/// sending the same attempt again is recognisable as a duplicate rather than a second payout.
/// An answer whose signature does not verify is treated as unknown: it may be forged, and the
/// call may still have paid.
public final class DokuProvider: PayoutProvider {
    let configuration: DokuConfiguration
    let client: HTTPClient
    let clock: @Sendable () -> Int64
    let signer: DokuSigner

    /// An adapter; `clock` gives Unix time in milliseconds (for `Request-Timestamp`).
    public init(configuration: DokuConfiguration, client: HTTPClient, clock: @escaping @Sendable () -> Int64) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
        self.signer = DokuSigner(clientID: configuration.clientID, secretKey: configuration.secretKey)
    }

    public var name: ProviderName { .doku }

    /// DOKU does not say which rail RDL uses (doku.md §7), so the provider picks: `auto` only.
    public var supportedClearings: Set<Clearing> { [.auto] }

    /// DOKU RDL documents no account inquiry; account validation skips it.
    public var offersAccountInquiry: Bool { false }

    /// Never asked by account validation (`offersAccountInquiry`); answers unknown if called.
    public func inquire(_ inquiry: AccountInquiry) async -> InquiryOutcome {
        .unknown(reason: "DOKU RDL offers no account inquiry")
    }

    /// Sends the disbursement; `PENDING` becomes `.accepted` and the notification settles it.
    public func submit(_ submission: PayoutSubmission) async -> ProviderOutcome {
        guard submission.clearing == .auto else {
            return .failed(ProviderFailure(code: .noRoute, providerCode: "",
                                           message: "DOKU RDL does not let the caller choose the rail"))
        }
        guard let code = submission.bankCode ?? submission.beneficiary.bank.swiftCode else {
            return .failed(ProviderFailure(code: .noRoute, providerCode: "", message: "the bank has no SWIFT code for DOKU"))
        }
        // Documented minimum, checked before sending so nothing is asked that DOKU must refuse [seed-002].
        guard submission.amount.rupiah >= 10_000 else {
            return .failed(ProviderFailure(code: .limitExceeded, providerCode: "",
                                           message: "DOKU RDL disburses at least IDR 10,000"))
        }
        let reference = submission.providerReference
        let request = DokuDisbursement(
            transaction: .init(id: reference, amount: submission.amount.rupiah,
                               description: String((submission.description ?? "Payout \(reference)").prefix(256))),
            source_account: .init(account_id: configuration.sourceAccountID),
            account_destination: .init(code: code, account_bank_number: submission.beneficiary.accountNumber,
                                       account_bank_name: String(submission.beneficiary.accountName.prefix(50)),
                                       address: configuration.destinationAddress))
        return await send(DokuJSON.encode(request), requestID: Self.requestID(for: reference), reference: reference)
    }

    /// DOKU documents no RDL status endpoint (doku.md §2.3, §9 gap 1): this always answers unknown,
    /// the notification settles the attempt, and the gateway moves a payout still unknown after
    /// its reconcile deadline to `needs_review` for a person to check with DOKU.
    public func status(of attempt: AttemptReference) async -> ProviderOutcome {
        .unknown(reason: "DOKU RDL has no status endpoint; waiting for its notification",
                 providerTransactionID: attempt.providerTransactionID)
    }

    /// DOKU RDL documents no balance call.
    public func balance() async -> BalanceOutcome { .notOffered }

    /// Verifies a DOKU notification (see `DokuCallback`).
    public func verifyCallback(_ callback: ProviderCallback) -> CallbackOutcome {
        DokuCallback(clientID: configuration.clientID, signer: signer).verify(callback)
    }

    /// A UUID-shaped `Request-Id` (max 128 [seed-002]) derived from the attempt, so a resend of the
    /// same attempt carries the same one.
    public static func requestID(for providerReference: String) -> String {
        let hex = Hex.encode(Digest.sha256("doku-request:" + providerReference).prefix(16))
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }

    func send(_ body: [UInt8], requestID: String, reference: String) async -> ProviderOutcome {
        let timestamp = DokuSigner.timestamp(milliseconds: clock())
        let target = DokuConfiguration.disbursementPath
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        headers.set("Client-Id", configuration.clientID)
        headers.set("Request-Id", requestID)
        headers.set("Request-Timestamp", timestamp)
        headers.set("Signature", signer.requestSignature(requestID: requestID, timestamp: timestamp, target: target, body: body))
        let response: ClientResponse
        do {
            response = try await client.send(ClientRequest(method: .post, url: configuration.baseURL + target,
                                                           headers: headers, body: body))
        } catch {
            switch error {
            case .notSent(let reason):
                return .failed(ProviderFailure(code: .providerUnavailable, providerCode: "",
                                               message: "DOKU not reached: \(reason)"))
            case .maybeSent(let reason):
                return .unknown(reason: "DOKU may have received the call: \(reason)", providerTransactionID: reference)
            }
        }
        return read(response, requestID: requestID, reference: reference)
    }

    /// Maps DOKU's answer. Only 400 (validation) and 401 (signature) are sure refusals; the rest
    /// of the non-2xx answers are undocumented for RDL (doku.md §5) and stay unknown.
    func read(_ response: ClientResponse, requestID: String, reference: String) -> ProviderOutcome {
        switch response.status.code {
        case 200, 201:
            guard verifies(response, requestID: requestID) else {
                return .unknown(reason: "DOKU answer failed signature verification", providerTransactionID: reference)
            }
            guard let answer = DokuJSON.decode(DokuDisbursement.self, from: response.body),
                  answer.transaction.id == reference else {
                return .unknown(reason: "unreadable DOKU answer", providerTransactionID: reference)
            }
            return DokuStatus(answer.transaction.status).outcome(transactionID: reference, amount: answer.transaction.amount)
        case 400, 401:
            return .failed(ProviderFailure(code: .rejectedByProvider, providerCode: String(response.status.code),
                                           message: "DOKU refused the request (HTTP \(response.status.code))"))
        default:
            return .unknown(reason: "DOKU answered HTTP \(response.status.code)", providerTransactionID: reference)
        }
    }

    /// Checks DOKU's response signature (doku.md §1.4) and that it echoes our ids.
    func verifies(_ response: ClientResponse, requestID: String) -> Bool {
        guard response.headers["Client-Id"] == configuration.clientID, response.headers["Request-Id"] == requestID,
              let timestamp = response.headers["Response-Timestamp"] else { return false }
        let expected = signer.responseSignature(requestID: requestID, timestamp: timestamp,
                                                target: DokuConfiguration.disbursementPath, body: response.body)
        return signer.matches(response.headers["Signature"], expected)
    }
}
