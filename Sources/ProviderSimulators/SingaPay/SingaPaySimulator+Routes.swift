import Crypto
import Foundation
import HTTP
import HTTPServer

// The documented paths [singapay.md §1.1, §2], each answering as SingaPay documents.
extension SingaPaySimulator {
    func addRoutes(to router: inout Router) {
        router.post("/api/v1.1/access-token/b2b", .async { [self] in try await delayed($0, issueToken) })
        router.post("/api/v2.0/disbursement/transfer", .async { [self] in try await delayed($0) { authorized($0, transfer) } })
        router.post("/api/v2.0/disbursement/{account}/inquiry-status", .async { [self] in
            try await delayed($0) { authorized($0, inquiryStatus) }
        })
        router.post("/api/v1.0/disbursement/check-beneficiary", .async { [self] in
            try await delayed($0) { authorized($0, checkBeneficiary) }
        })
        router.get("/api/v1.0/balance-inquiry/{account}", .async { [self] in
            try await delayed($0) { request in
                authorized(request) { request in
                    guard request.parameters["account"] == options.accountID else { return Self.merchantNotFound }
                    let data: [String: Any] = ["account_id": options.accountID,
                                               "balance": SingaPayBook.Transaction.money(balance)]
                    return Self.json(200, ["status": 200, "success": true, "data": data])
                }
            }
        })
    }

    func delayed(_ request: ServerRequest, _ handler: (ServerRequest) -> HTTPResponse) async throws -> HTTPResponse {
        if options.latency > .zero { try await Task.sleep(for: options.latency) }
        return handler(request)
    }

    static func code(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        json(status, ["response_code": code, "response_message": message])
    }

    static let merchantNotFound = code(404, "SP020", "Merchant Account Not Found")

    var nowMillis: Int64 { options.clock().microsecondsSinceEpoch / 1000 }

    /// `POST /api/v1.1/access-token/b2b`: HMAC-SHA512 of `client_id_secret_YYYYMMDD` (WIB) [singapay.md §1.1].
    func issueToken(_ request: ServerRequest) -> HTTPResponse {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd"
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let date = formatter.string(from: Date(timeIntervalSince1970: Double(nowMillis) / 1000))
        let message = options.clientID + "_" + options.clientSecret + "_" + date
        let expected = Hex.encode(HMAC.sha512(key: options.clientSecret, message: message))
        guard request.headers["X-PARTNER-ID"] == options.partnerID, request.headers["X-CLIENT-ID"] == options.clientID,
              let given = request.headers["X-Signature"], ConstantTime.equals(given, expected) else {
            // The v1 error envelope [seed-003].
            return Self.json(401, ["status": 401, "success": false,
                                   "error": ["code": 401, "message": "Unauthorized partner, please sign in"]])
        }
        let token = "sim." + Hex.encode(SecureRandom.bytes(16))
        book.withLock {
            $0.tokens[token] = nowMillis / 1000 + options.tokenLifetimeSeconds
            $0.tokensIssued += 1
        }
        let data: [String: Any] = ["access_token": token, "token_type": "Bearer", "expires_in": String(options.tokenLifetimeSeconds)]
        return Self.json(200, ["status": 200, "success": true, "data": data])
    }

    /// Partner id and a live Bearer token [singapay.md §1.3]; otherwise `SP015` / `SP013`.
    func authorized(_ request: ServerRequest, _ handler: (ServerRequest) -> HTTPResponse) -> HTTPResponse {
        guard request.headers["X-PARTNER-ID"] == options.partnerID else { return Self.code(403, "SP015", "Forbidden") }
        guard let bearer = request.headers["Authorization"], bearer.hasPrefix("Bearer "),
              let expiry = book.withLock({ $0.tokens[String(bearer.dropFirst(7))] }), nowMillis / 1000 < expiry else {
            return Self.code(401, "SP013", "Unauthorized")
        }
        return handler(request)
    }

    /// The §1.4 signature, recomputed over the body as SingaPay re-normalizes it.
    func hasValidSignature(_ request: ServerRequest, object: [String: Any]) -> Bool {
        guard let timestamp = request.headers["X-Timestamp"], let given = request.headers["X-Signature"],
              let token = request.headers["Authorization"]?.dropFirst(7) else { return false }
        let hashed = Hex.encode(Digest.sha256(SingaPayCanonical.bytes(object)))
        let message = "POST:" + request.http.target + ":" + token + ":" + hashed + ":" + timestamp
        return ConstantTime.equals(given, Hex.encode(HMAC.sha512(key: options.clientSecret, message: message)))
    }

    /// `POST /api/v2.0/disbursement/transfer` [singapay.md §2.1].
    func transfer(_ request: ServerRequest) -> HTTPResponse {
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              hasValidSignature(request, object: object) else {
            return Self.code(401, "SP016", "Signature Invalid")
        }
        let currentFault = fault.withLock { $0 }
        if currentFault == .answerServerError { return Self.code(500, "SP002", "General Failure") }
        guard let fields = SingaPayTransferFields(object) else {
            return Self.json(422, ["response_code": "SP018", "response_message": "Validation error",
                                   "errors": SingaPayTransferFields.problems(object)])
        }
        guard fields.accountID == options.accountID else { return Self.merchantNotFound }
        let now = nowMillis
        let result = book.withLock {
            $0.transfer(reference: fields.reference, amount: fields.amount, fee: options.fee, bankCode: fields.bankCode,
                        account: fields.accountNumber, notes: fields.notes, nowMillis: now)
        }
        switch result {
        case .duplicate: return Self.code(409, "SP004", "Duplicate Reference Number")
        case .insufficient: return Self.code(400, "SP003", "Insufficient Balance")
        case .created(let transaction, let settlesLater):
            if settlesLater { settleLater(transaction.reference) } else { notify(transaction) }
            if currentFault == .answerInsufficientAfterExecuting { return Self.code(400, "SP003", "Insufficient Balance") }
            let response = Self.json(200, ["response_code": "SP000", "response_message": "Successfully", "data": transaction.json])
            return DurianpaySimulator.faulty(response, currentFault.asDurianpay)
        }
    }

    /// `POST /api/v2.0/disbursement/{account_id}/inquiry-status` [singapay.md §2.2].
    func inquiryStatus(_ request: ServerRequest) -> HTTPResponse {
        guard request.parameters["account"] == options.accountID else { return Self.merchantNotFound }
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let reference = object["reference_number"] as? String else {
            return Self.code(422, "SP018", "Validation error")
        }
        guard let transaction = book.withLock({ $0.transactions[reference] }) else {
            return Self.code(404, "SP009", "Transaction Not Found")
        }
        return Self.json(200, ["response_code": "SP000", "response_message": "Successfully", "data": transaction.json])
    }

    /// `POST /api/v1.0/disbursement/check-beneficiary`: every well-formed number is valid with a
    /// deterministic holder name, as the SDK saw in sandbox [singapay.md §2.5, §6].
    func checkBeneficiary(_ request: ServerRequest) -> HTTPResponse {
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let swift = object["bank_swift_code"] as? String, swift.count == 8,
              let account = object["bank_account_number"] as? String, (6...30).contains(account.count),
              account.allSatisfy(\.isWholeNumber) else {
            return Self.code(422, "SP018", "Validation error")
        }
        let data: [String: Any] = ["status": "valid", "bank_name": swift, "bank_account_number": account,
                                   "bank_account_name": "SANDBOX HOLDER " + String(account.suffix(4)), "bank_swift_code": swift]
        return Self.json(200, ["status": 200, "success": true, "data": data])
    }

    func settleLater(_ reference: String) {
        let delay = options.slowScenarioDelay
        Task { [self] in
            try? await Task.sleep(for: delay)
            let now = nowMillis
            if let settled = book.withLock({ $0.settleLater(reference: reference, nowMillis: now) }) { notify(settled) }
        }
    }

    /// The disbursement webhook, signed like a money-out call with a random token [singapay.md §4].
    func notify(_ transaction: SingaPayBook.Transaction) {
        // Stopped: the receiver's port may belong to someone else by now.
        guard listener.isServing else { return }
        guard let url = options.callbackURL, let (_, _, target) = LoopbackWebhookPost.split(url) else { return }
        let succeeded = transaction.code == "00"
        let object: [String: Any] = ["response_code": succeeded ? "SP000" : "SP001",
                                     "response_message": succeeded ? "Successfully" : "Transaction Failure",
                                     "event": "disbursement", "data": transaction.json]
        let body = SingaPayCanonical.bytes(object)
        let token = Hex.encode(SecureRandom.bytes(20))
        let timestamp = String(nowMillis / 1000)
        let message = "POST:" + target + ":" + token + ":" + Hex.encode(Digest.sha256(body)) + ":" + timestamp
        let signature = Hex.encode(HMAC.sha512(key: options.clientSecret, message: message))
        LoopbackWebhookPost.post(url: url, headers: [
            ("Content-Type", "application/json"), ("User-Agent", "SingaPaymentGateway/1.0"), ("Accept", "application/json"),
            ("X-PARTNER-ID", options.partnerID), ("X-Signature", signature), ("X-Timestamp", timestamp),
            ("Authorization", "Bearer " + token),
        ], body: body)
    }
}

extension SingaPaySimulator.Fault {
    /// The shared after-execution faults are applied by the same helper as Durianpay's.
    var asDurianpay: DurianpaySimulator.Fault {
        switch self {
        case .none: .none
        case .refuseConnections: .refuseConnections
        case .answerServerError: .answerServerError
        case .answerLateAfterExecuting(let delay): .answerLateAfterExecuting(delay)
        case .dropConnectionAfterExecuting: .dropConnectionAfterExecuting
        case .answerInsufficientAfterExecuting: .none  // answered before this applies
        }
    }
}

/// The transfer fields and their documented limits [singapay.md §2.1].
struct SingaPayTransferFields {
    let accountID: String
    let reference: String
    let amount: Int64
    let bankCode: String
    let accountNumber: String
    let notes: String

    init?(_ object: [String: Any]) {
        guard Self.problems(object).isEmpty, let accountID = object["account_id"] as? String,
              let reference = object["reference_number"] as? String, let amount = (object["amount"] as? NSNumber)?.int64Value,
              let bankCode = object["bank_code"] as? String, let accountNumber = object["bank_account_number"] as? String
        else { return nil }
        self.accountID = accountID
        self.reference = reference
        self.amount = amount
        self.bankCode = bankCode
        self.accountNumber = accountNumber
        self.notes = object["notes"] as? String ?? ""
    }

    /// Field → messages, as SP018's field map [singapay.md §5].
    static func problems(_ object: [String: Any]) -> [String: [String]] {
        var problems: [String: [String]] = [:]
        if object["bank_swift_code"] != nil { problems["bank_code", default: []].append("use bank_code") }
        if (object["account_id"] as? String).map({ $0.isEmpty || $0.count > 50 }) ?? true { problems["account_id"] = ["invalid"] }
        if (object["reference_number"] as? String).map({ $0.isEmpty || $0.count > 32 }) ?? true { problems["reference_number"] = ["invalid"] }
        if ((object["amount"] as? NSNumber)?.int64Value ?? 0) < 10_000 { problems["amount"] = ["minimum 10000"] }
        if (object["bank_code"] as? String).map({ !(3...8).contains($0.count) }) ?? true { problems["bank_code", default: []].append("invalid") }
        let account = object["bank_account_number"] as? String ?? ""
        if !(6...30).contains(account.count) || !account.allSatisfy(\.isWholeNumber) { problems["bank_account_number"] = ["invalid"] }
        return problems
    }
}
