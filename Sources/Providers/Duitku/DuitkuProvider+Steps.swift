import Crypto
import HTTP
import HTTPClient
import Payouts

/// Duitku's rails: online transfer, or clearing with its `type` (duitku.md §2.2).
enum DuitkuRail: String {
    case online = "ONLINE", llg = "LLG", rtgs = "RTGS", bifast = "BIFAST", h2h = "H2H"

    init?(_ clearing: Clearing) {
        switch clearing {
        case .online: self = .online
        case .llg: self = .llg
        case .rtgs: self = .rtgs
        case .bifast: self = .bifast
        case .h2h: self = .h2h
        case .auto: return nil
        }
    }

    /// The clearing `type` field; nil for online transfer, which has none.
    var type: String? { self == .online ? nil : rawValue }
}

/// What one payout asks of Duitku.
struct DuitkuTarget {
    var rail: DuitkuRail
    var bankCode: String
    var bankAccount: String
    var amount: Int64
    var purpose: String
    /// Clearing inquiry only: `string(9)` [seed-004].
    var custRefNumber: String?
}

/// What an inquiry gave back and the transfer must send again (§2.1).
struct DuitkuInquired: Equatable {
    var rail: DuitkuRail
    var disburseID: String
    var accountName: String
    var custRefNumber: String

    /// `duitku1|rail|disburseId|base64 custRefNumber|base64 accountName`: the name may hold any character.
    var token: String {
        ["duitku1", rail.rawValue, disburseID, Base64.encode(Array(custRefNumber.utf8)),
         Base64.encode(Array(accountName.utf8))].joined(separator: "|")
    }

    init(rail: DuitkuRail, disburseID: String, accountName: String, custRefNumber: String) {
        self.rail = rail
        self.disburseID = disburseID
        self.accountName = accountName
        self.custRefNumber = custRefNumber
    }

    init?(token: String) {
        let parts = token.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "duitku1", let rail = DuitkuRail(rawValue: parts[1]), !parts[2].isEmpty,
              let ref = Base64.decode(parts[3]), let name = Base64.decode(parts[4]) else { return nil }
        self.init(rail: rail, disburseID: parts[2], accountName: String(decoding: name, as: UTF8.self),
                  custRefNumber: String(decoding: ref, as: UTF8.self))
    }
}

/// How an inquiry ended.
enum DuitkuInquiryStep {
    case found(DuitkuInquired)
    case refused(ProviderFailure)
    case inconclusive(String)
}

/// What came back from one POST.
enum DuitkuReply {
    case answered(DuitkuResponse)
    case notSent(String)
    case maybeSent(String)
    case unreadable(String)
}

extension DuitkuProvider {
    func runInquiry(_ target: DuitkuTarget) async -> DuitkuInquiryStep {
        let timestamp = clock()
        let signature = target.rail == .online
            ? signer.inquiry(timestamp: timestamp, bankCode: target.bankCode, bankAccount: target.bankAccount,
                             amount: target.amount, purpose: target.purpose)
            : signer.clearingInquiry(timestamp: timestamp, bankCode: target.bankCode, type: target.rail.rawValue,
                                     bankAccount: target.bankAccount, amount: target.amount, purpose: target.purpose)
        let body = DuitkuInquiryRequest(userId: configuration.userID, amountTransfer: target.amount,
                                        bankAccount: target.bankAccount, bankCode: target.bankCode,
                                        email: configuration.email, purpose: target.purpose, timestamp: timestamp,
                                        type: target.rail.type, custRefNumber: target.custRefNumber, signature: signature)
        let reply = await post(target.rail == .online ? .inquiry : .clearingInquiry, body)
        guard case .answered(let response) = reply else { return .inconclusive("Duitku inquiry: \(reply.reason)") }
        switch DuitkuStatus.afterInquiry(response.responseCode ?? "", desc: response.responseDesc ?? "") {
        case .refused(let failure): return .refused(failure)
        case .inconclusive(let code, let desc): return .inconclusive("Duitku inquiry answered \(code) (\(desc))")
        case .approved:
            guard let id = response.disburseId?.text, let name = response.accountName,
                  let ref = response.custRefNumber else {
                return .inconclusive("Duitku inquiry approved without disburseId, accountName or custRefNumber")
            }
            return .found(DuitkuInquired(rail: target.rail, disburseID: id, accountName: name, custRefNumber: ref))
        }
    }

    func runTransfer(_ target: DuitkuTarget, _ inquired: DuitkuInquired) async -> ProviderOutcome {
        let timestamp = clock()
        let signature = target.rail == .online
            ? signer.transfer(timestamp: timestamp, bankCode: target.bankCode, bankAccount: target.bankAccount,
                              accountName: inquired.accountName, custRefNumber: inquired.custRefNumber,
                              amount: target.amount, purpose: target.purpose, disburseID: inquired.disburseID)
            : signer.clearingTransfer(timestamp: timestamp, bankCode: target.bankCode, type: target.rail.rawValue,
                                      bankAccount: target.bankAccount, accountName: inquired.accountName,
                                      custRefNumber: inquired.custRefNumber, amount: target.amount,
                                      purpose: target.purpose, disburseID: inquired.disburseID)
        let body = DuitkuTransferRequest(disburseId: inquired.disburseID, userId: configuration.userID,
                                         email: configuration.email, bankCode: target.bankCode,
                                         bankAccount: target.bankAccount, amountTransfer: target.amount,
                                         accountName: inquired.accountName, custRefNumber: inquired.custRefNumber,
                                         purpose: target.purpose, type: target.rail.type, timestamp: timestamp,
                                         signature: signature)
        switch await post(target.rail == .online ? .transfer : .clearingTransfer, body) {
        case .answered(let response):
            return DuitkuStatus.afterTransfer(response.responseCode ?? "", desc: response.responseDesc ?? "",
                                              disburseID: inquired.disburseID, amount: response.amountTransfer?.money)
        case .notSent(let reason):
            return .failed(ProviderFailure(code: .providerUnavailable, providerCode: "", message: reason))
        case .maybeSent(let reason), .unreadable(let reason):
            return .unknown(reason: reason, providerTransactionID: inquired.disburseID)
        }
    }

    /// One JSON POST. A 5xx or a body without `responseCode` is unreadable, never a failure.
    func post(_ endpoint: DuitkuEndpoint, _ body: some Encodable) async -> DuitkuReply {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        let request = ClientRequest(method: .post, url: configuration.url(endpoint), headers: headers,
                                    body: DuitkuJSON.encode(body))
        let response: ClientResponse
        do {
            response = try await client.send(request)
        } catch {
            switch error {
            case .notSent(let reason): return .notSent("Duitku not reached: \(reason)")
            case .maybeSent(let reason): return .maybeSent("Duitku may have received the call: \(reason)")
            }
        }
        guard response.status.code == 200,
              let decoded = DuitkuJSON.decode(DuitkuResponse.self, from: response.body),
              decoded.responseCode != nil else {
            return .unreadable("Duitku answered HTTP \(response.status.code) without a readable responseCode")
        }
        return .answered(decoded)
    }

    /// `purpose` (required on transfer, part of every signature): our reference first so a
    /// person can find the attempt in Duitku's dashboard, then the description; at most 255.
    static func purpose(_ submission: PayoutSubmission) -> String {
        let text = submission.description.map { "\(submission.providerReference) \($0)" } ?? submission.providerReference
        return String(text.prefix(255))
    }

    /// Clearing inquiry takes a 9-digit `custRefNumber` [seed-004], too short for our reference
    /// (up to 32 characters), so it is derived: the first 8 bytes of SHA-256 of the reference,
    /// modulo 10^9, zero-padded. Collisions are possible and harmless: Duitku keys transfers by
    /// `disburseId`, and the number is only printed on the bank statement.
    static func custRefNumber(_ providerReference: String) -> String {
        let digest = Digest.sha256(providerReference)
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % 1_000_000_000
        let digits = String(value)
        return String(repeating: "0", count: 9 - digits.count) + digits
    }
}

extension DuitkuReply {
    var reason: String {
        switch self {
        case .answered(let response): "answered \(response.responseCode ?? "")"
        case .notSent(let reason), .maybeSent(let reason), .unreadable(let reason): reason
        }
    }
}
