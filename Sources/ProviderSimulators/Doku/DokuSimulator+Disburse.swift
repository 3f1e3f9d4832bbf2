import Crypto
import Foundation
import HTTP
import HTTPServer
import Payouts

extension DokuSimulator {
    func disburse(_ request: ServerRequest) -> HTTPResponse {
        let headers = request.headers
        guard headers["Client-Id"] == credentials.clientID, let requestID = headers["Request-Id"],
              let timestamp = headers["Request-Timestamp"], let sent = Self.parseTimestamp(timestamp),
              abs(sent.timeIntervalSinceNow) <= 300 else { return unauthorized() }
        let expected = signature(requestID: requestID, timestampName: "Request-Timestamp", timestamp: timestamp,
                                 target: Self.path, body: request.body)
        guard let given = headers["Signature"], ConstantTime.equals(given, expected) else { return unauthorized() }
        guard let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              let fields = DokuFields(body) else { return badRequest() }
        let (record, executes) = record(fields, body: request.body, requestID: requestID)
        if let executes { scheduleNotification(fields.id, succeeds: executes) }
        return signedAnswer(record.body, status: record.status, requestID: requestID)
    }

    /// Stores the request once; a repeat (same transaction id or Request-Id) gets the stored record.
    /// Returns whether a new transfer executes (nil for a duplicate).
    private func record(_ fields: DokuFields, body: [UInt8], requestID: String) -> (Record, Bool?) {
        ledger.withLock { ledger in
            if let id = ledger.requestIDs[requestID] ?? (ledger.records[fields.id] != nil ? fields.id : nil),
               let existing = ledger.records[id] {
                return (existing, nil)
            }
            let executes = fields.account != Self.failingAccount && ledger.balance >= fields.amount
            if executes {
                ledger.balance -= fields.amount
                ledger.executed.append(ExecutedTransfer(reference: fields.id, amount: Money(rupiah: fields.amount) ?? .zero,
                                                        accountNumber: fields.account, bank: fields.code))
            }
            let record = Record(requestID: requestID, body: body, status: "PENDING")
            ledger.records[fields.id] = record
            ledger.requestIDs[requestID] = fields.id
            return (record, executes)
        }
    }

    /// The request echoed with status and dates, signed as DOKU signs answers (doku.md §1.4).
    private func signedAnswer(_ body: [UInt8], status: String, requestID: String) -> HTTPResponse {
        let now = Self.timestamp()
        var answer = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        var transaction = answer["transaction"] as? [String: Any] ?? [:]
        transaction["status"] = status
        transaction["create_date"] = now
        transaction["update_date"] = now
        answer["transaction"] = transaction
        let bytes = Array((try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])) ?? Data())
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        headers.set("Client-Id", credentials.clientID)
        headers.set("Request-Id", requestID)
        headers.set("Response-Timestamp", now)
        headers.set("Signature", signature(requestID: requestID, timestampName: "Response-Timestamp", timestamp: now,
                                           target: Self.path, body: bytes))
        return HTTPResponse(status: .ok, headers: headers, body: bytes)
    }

    /// DOKU documents no RDL error body (doku.md §5, §9); this shape is the simulator's own.
    private func unauthorized() -> HTTPResponse {
        HTTPResponse(status: .unauthorized,
                     body: Array(#"{"error":{"code":"invalid_signature","message":"Invalid Signature"}}"#.utf8))
    }

    private func badRequest() -> HTTPResponse {
        HTTPResponse(status: .badRequest,
                     body: Array(#"{"error":{"code":"invalid_parameter","message":"Invalid Parameter"}}"#.utf8))
    }

    /// After `settleDelay`: the status flips and DOKU POSTs a signed notification (doku.md §1.5, §4).
    private func scheduleNotification(_ id: String, succeeds: Bool) {
        let delay = options.settleDelay
        let url = options.callbackURL
        Task.detached { [self] in
            try? await Task.sleep(for: delay)
            let status = succeeds ? "SUCCESS" : "FAILED"
            guard let stored = ledger.withLock({ ledger -> [UInt8]? in
                ledger.records[id]?.status = status
                return ledger.records[id]?.body
            }) else { return }
            guard let url,
                  var body = (try? JSONSerialization.jsonObject(with: Data(stored))) as? [String: Any] else { return }
            var transaction = body["transaction"] as? [String: Any] ?? [:]
            transaction["status"] = status
            transaction["update_date"] = Self.timestamp()
            body["transaction"] = transaction
            let bytes = Array((try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data())
            let requestID = UUID().uuidString.lowercased()
            let timestamp = Self.timestamp()
            let target = Self.pathOf(url)
            let headers = [("Client-Id", credentials.clientID), ("Request-Id", requestID),
                           ("Request-Timestamp", timestamp),
                           ("Signature", signature(requestID: requestID, timestampName: "Request-Timestamp",
                                                   timestamp: timestamp, target: target, body: bytes))]
            guard host.withLock({ $0 })?.isStopped == false else { return }
            _ = CallbackPoster.post(url: url, headers: headers, body: bytes)
        }
    }

    static func pathOf(_ url: String) -> String {
        let rest = url.drop { $0 != "/" }.dropFirst(2)
        let path = rest.drop { $0 != "/" }
        return path.isEmpty ? "/" : String(path)
    }
}

/// The mandatory fields and their documented limits [seed-002] (doku.md §2.1).
struct DokuFields {
    var id: String
    var amount: Int64
    var code: String
    var account: String

    init?(_ body: [String: Any]) {
        guard let transaction = body["transaction"] as? [String: Any],
              let source = body["source_account"] as? [String: Any],
              let destination = body["account_destination"] as? [String: Any],
              let id = transaction["id"] as? String, let amount = (transaction["amount"] as? NSNumber)?.int64Value,
              let description = transaction["description"] as? String,
              let accountID = source["account_id"] as? String, let code = destination["code"] as? String,
              let number = destination["account_bank_number"] as? String,
              let name = destination["account_bank_name"] as? String,
              let address = destination["address"] as? String else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:._")
        guard !id.isEmpty, id.count <= 64, id.allSatisfy(allowed.contains), (10_000...999_999_999_999).contains(amount),
              description.count <= 256, accountID.count <= 100, code.count <= 50, number.count <= 100,
              name.count <= 50, address.count <= 50 else { return nil }
        self.id = id
        self.amount = amount
        self.code = code
        self.account = number
    }
}
