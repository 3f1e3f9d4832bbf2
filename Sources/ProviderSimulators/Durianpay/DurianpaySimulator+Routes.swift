import Crypto
import Foundation
import HTTP
import HTTPServer

// The documented paths [durianpay.md §2], each answering as Durianpay documents.
extension DurianpaySimulator {
    func addRoutes(to router: inout Router) {
        router.post("/v1/disbursements/submit", .async { [self] in try await guarded($0) { submit($0) } })
        router.post("/v1/disbursements/status", .async { [self] in try await guarded($0) { statusByKey($0) } })
        router.post("/v1/disbursements/validate", .async { [self] in try await guarded($0) { validate($0) } })
        router.get("/v1/disbursements/banks", .async { [self] in
            try await guarded($0) { _ in Self.json(200, ["data": Self.banks]) }
        })
        router.get("/v1/disbursements/topup/balance", .async { [self] in
            try await guarded($0) { _ in Self.json(200, ["data": ["balance": balance]]) }
        })
        router.get("/v1/disbursements/{id}", .async { [self] in
            try await guarded($0) { request in
                guard let batch = state.withLock({ $0.batches[request.parameters["id"] ?? ""] }) else { return notFound() }
                return Self.json(200, ["data": batch.json])
            }
        })
        router.get("/v1/disbursements/{id}/items", .async { [self] in
            try await guarded($0) { request in
                guard let batch = state.withLock({ $0.batches[request.parameters["id"] ?? ""] }) else { return notFound() }
                let data: [String: Any] = ["submission_status": batch.status == "approved" ? "processing" : "completed",
                                           "disbursement_batch_items": batch.itemsJSON, "count": batch.items.count]
                return Self.json(200, ["data": data])
            }
        })
    }

    /// `GET /v1/disbursements/banks` items [durianpay.md §2]: the three codes durianpay.md confirms.
    static var banks: [[String: Any]] {
        [("bca", "BCA"), ("bni", "BNI"), ("cimb", "CIMB Niaga")].enumerated().map {
            ["id": $0.offset + 1, "name": $0.element.1, "code": $0.element.0, "type": "bank", "instruction": [String: Any](),
             "created_at": "2021-01-01T00:00:00Z", "updated_at": "2021-01-01T00:00:00Z"]
        }
    }

    /// Latency, then Basic auth [durianpay.md §1.1], then the handler.
    func guarded(_ request: ServerRequest, _ handler: (ServerRequest) -> HTTPResponse) async throws -> HTTPResponse {
        if options.latency > .zero { try await Task.sleep(for: options.latency) }
        let expected = "Basic " + Base64.encode(Array((options.serverKey + ":").utf8))
        guard let given = request.headers["Authorization"], ConstantTime.equals(given, expected) else {
            return Self.json(401, ["error": "invalid Authorization header in request", "error_code": "DPAY_UNAUTHORIZED_ACCESS"])
        }
        return handler(request)
    }

    func notFound() -> HTTPResponse {
        Self.json(404, ["error": "disbursement not found", "error_code": "DPAY_NOT_FOUND"])
    }

    /// `POST /v1/disbursements/submit` [seed-001]: key, body, then the injected fault.
    func submit(_ request: ServerRequest) -> HTTPResponse {
        let currentFault = fault.withLock { $0 }
        if currentFault == .answerServerError {
            // Sample body, space included [seed-001].
            return Self.json(500, ["error": "error submitting disbursement", "error_code": "DPAY_INTERNAL ERROR"])
        }
        guard let key = request.headers["idempotency_key"], !key.isEmpty,
              let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let items = Self.items(body["items"]), let name = body["name"] as? String,
              let description = body["description"] as? String else {
            return Self.json(400, ["error": "required fields missing",
                                   "errors": [["field": "items", "message": "Please provide valid disbursement data"]]])
        }
        let force = request.queryItems.contains { $0.name == "force_disburse" && $0.value == "true" }
        let outcome = state.withLock { ledger -> (DurianpayLedger.Batch, [DurianpayLedger.Webhook])? in
            // A key is used once; a repeat never executes again [durianpay.md §1.2].
            guard ledger.batchByKey[key] == nil else { return nil }
            let numbered = items.map { item in
                DurianpayLedger.Item(id: ledger.nextID("dis_item_"), ownerName: item.ownerName, bankCode: item.bankCode,
                                            amount: item.amount, accountNumber: item.accountNumber, status: "need_validation")
            }
            return ledger.submit(key: key, name: name, description: description, items: numbered, forceDisburse: force)
        }
        guard let (batch, webhooks) = outcome else {
            return Self.json(403, ["error": "disbursement already exist with given idempotency key",
                                   "error_code": "DISBURSEMENT_ALREADY_EXIST_WITH_GIVEN_IDEMPOTENCY_KEY",
                                   "request_id": "dp_Sim" + String(key.count)])
        }
        send(webhooks)
        let data: [String: Any] = ["id": batch.id, "name": batch.name, "total_amount": DurianpayLedger.Batch.amount(batch.total),
                                   "total_disbursements": batch.items.count, "description": batch.description]
        return Self.faulty(Self.json(200, ["data": data]), currentFault)
    }

    /// Reads `items[]`; nil when a mandatory field is missing or the amount is not whole rupiah [seed-001].
    static func items(_ raw: Any?) -> [DurianpayLedger.Item]? {
        guard let list = raw as? [[String: Any]], !list.isEmpty else { return nil }
        var items: [DurianpayLedger.Item] = []
        for entry in list {
            let fields = ["account_owner_name", "bank_code", "amount", "account_number", "email_recipient", "phone_number"]
            let values = fields.compactMap { entry[$0] as? String }
            guard values.count == fields.count, let amount = Int64(values[2]), amount > 0 else { return nil }
            items.append(DurianpayLedger.Item(id: "", ownerName: values[0], bankCode: values[1], amount: amount,
                                              accountNumber: values[3], status: "need_validation"))
        }
        return items
    }

    /// Applies a fault that strikes after execution: a late answer or a cut connection.
    static func faulty(_ response: HTTPResponse, _ fault: Fault) -> HTTPResponse {
        switch fault {
        case .answerLateAfterExecuting(let delay):
            return HTTPResponse(status: response.status, headers: response.headers, stream: HTTPBodyStream { writer in
                try await Task.sleep(for: delay)
                try await writer.write(response.body)
            })
        case .dropConnectionAfterExecuting:
            return HTTPResponse(status: response.status, headers: response.headers, stream: HTTPBodyStream { _ in
                throw CancellationError()
            })
        case .none, .refuseConnections, .answerServerError:
            return response
        }
    }

    /// `POST /v1/disbursements/status` by `idempotency_key` or `disbursement_batch_id` (the id wins) [durianpay.md §2.4].
    func statusByKey(_ request: ServerRequest) -> HTTPResponse {
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
        let batch = state.withLock { ledger -> DurianpayLedger.Batch? in
            if let id = body["disbursement_batch_id"] as? String { return ledger.batches[id] }
            guard let key = body["idempotency_key"] as? String, let id = ledger.batchByKey[key] else { return nil }
            return ledger.batches[id]
        }
        guard let batch else { return notFound() }
        return Self.json(200, ["data": batch.json])
    }

    /// `POST /v1/disbursements/validate` [durianpay.md §2.6]: `X-Idempotency-Key` mandatory,
    /// answered at once (`valid`/`invalid`), or `processing` for `5555…` numbers.
    func validate(_ request: ServerRequest) -> HTTPResponse {
        guard let key = request.headers["X-Idempotency-Key"], !key.isEmpty,
              let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let account = body["account_number"] as? String, let bank = body["bank_code"] as? String else {
            return Self.json(400, ["error": "required fields missing", "error_code": "DPAY_BAD_REQUEST"])
        }
        guard state.withLock({ $0.usedValidationKeys.insert(key).inserted }) else {
            return Self.json(409, ["error": "duplicate idempotency key", "error_code": "DPAY_CONFLICT"])
        }
        let item = DurianpayLedger.Item(id: "", ownerName: "", bankCode: bank, amount: 0, accountNumber: account, status: "")
        let status = account.hasPrefix("5555") ? "processing" : DurianpayLedger.isValid(item) ? "valid" : "invalid"
        let holder = status == "valid" ? "SANDBOX HOLDER " + String(account.suffix(4)) : ""
        return Self.json(200, ["data": ["account_number": account, "bank_code": bank, "account_holder": holder, "status": status]])
    }
}
