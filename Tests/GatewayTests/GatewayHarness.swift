import Crypto
import Foundation
@testable import Gateway
import HTTP
import HTTPServer
import Postgres
import Store
import TestSupport

/// A gateway on a fresh database: in process through its responder, or live on a free port.
struct GatewayHarness {
    let database: TestDatabase
    let app: Application

    static func start(migrate: Bool = true, environment: [String: String] = [:]) async throws -> GatewayHarness {
        let database = try await TestPostgres.makeDatabase()
        let configuration = try Configuration.load(from: [
            "DATABASE_URL": database.url, "HOST": "127.0.0.1", "PORT": "0", "EVENT_LOOPS": "1", "DATABASE_POOL_SIZE": "4",
            "DISPATCH_WORKERS": "0", "WEBHOOK_ALLOW_PRIVATE_URLS": "true",  // the receivers listen on loopback
        ].merging(Self.providers) { $1 }.merging(environment) { $1 })
        let app = try Application(configuration: configuration, logger: Logger(sink: LogSink(descriptor: -1)))
        if migrate { try await app.migrate() }
        app.start()
        return GatewayHarness(database: database, app: app)
    }

    /// All four providers configured (nothing is sent to them before dispatch exists), so
    /// routing has every candidate.
    static let providers = [
        "DUITKU_BASE_URL": "http://127.0.0.1:9", "DUITKU_USER_ID": "3551", "DUITKU_EMAIL": "test@chakratechnology.com",
        "DUITKU_SECRET_KEY": "test-secret", "DUITKU_SANDBOX": "true",
        "DURIANPAY_BASE_URL": "http://127.0.0.1:9", "DURIANPAY_SECRET_KEY": "dp_test_key",
        "DOKU_BASE_URL": "http://127.0.0.1:9", "DOKU_CLIENT_ID": "MCH-0001", "DOKU_SECRET_KEY": "doku-secret",
        "DOKU_SOURCE_ACCOUNT_ID": "2340211124151729152107164433893000196019",
        "SINGAPAY_BASE_URL": "http://127.0.0.1:9", "SINGAPAY_PARTNER_ID": "partner", "SINGAPAY_CLIENT_ID": "client",
        "SINGAPAY_CLIENT_SECRET": "secret", "SINGAPAY_ACCOUNT_ID": "account",
    ]

    func stop() async throws {
        await app.shutdown()
        try await database.drop()
    }

    /// One request over a real socket; header names come back lowercased.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String = "") async throws -> Answer {
        let client = try TestClient(port: app.port)
        let response = try client.exchange(method, path, headers: headers.map { ($0.key, $0.value) }, body: body)
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return Answer(status: response.status, headers: fields, body: response.text)
    }

    /// A new API key with these scopes.
    func key(_ scopes: [Scope], name: String = "key-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)) async throws -> String {
        let key = KeysCommand.newKey()
        _ = try await ApiKeyStore(pool: app.pool).create(name: name, keyHash: Digest.sha256(key), scopes: scopes.map(\.rawValue))
        return key
    }

    /// POST /v1/payouts as JSON with a key and an idempotency key.
    func createPayout(_ body: String, key: String, idempotencyKey: String = UUID().uuidString) async throws -> Answer {
        try await request("POST", "/v1/payouts", headers: [
            "Authorization": "Bearer \(key)", "Idempotency-Key": idempotencyKey, "Content-Type": "application/json",
        ], body: body)
    }

    func get(_ path: String, key: String, accept: String? = nil) async throws -> Answer {
        var headers = ["Authorization": "Bearer \(key)"]
        if let accept { headers["Accept"] = accept }
        return try await request("GET", path, headers: headers)
    }

    /// Runs SQL on the gateway's database and returns the first column of each row.
    func column(_ sql: String) async throws -> [String?] {
        try await app.pool.withConnection { connection in
            try connection.query(sql).map { try $0.decode(0, as: String?.self) }
        }
    }
}

/// An answer as tests read it.
struct Answer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    /// The `field` names of a problem's `errors`.
    var errorFields: [String] {
        (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }
}

/// A valid create-payout body with some fields replaced.
func payoutBody(reference: String = "ref-" + String(UInt32.random(in: 0...UInt32.max), radix: 36), amount: String = "150000",
                bank: String = "014", accountNumber: String = "8760673566", accountName: String = "Budi Santoso",
                extra: String = "") -> String {
    #"{"reference":"\#(reference)","amount":"\#(amount)","currency":"IDR","beneficiary":{"bank":"\#(bank)","account_number":"\#(accountNumber)","account_name":"\#(accountName)"}\#(extra)}"#
}

