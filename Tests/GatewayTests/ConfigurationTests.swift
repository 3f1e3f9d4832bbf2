import Foundation
@testable import Gateway
import Payouts
import Testing

@Suite struct ConfigurationTests {
    static let minimal = ["DATABASE_URL": "postgresql://gateway@localhost:5432/payouts"]

    @Test func appliesDefaults() throws {
        let configuration = try Configuration.load(from: Self.minimal)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 8080)
        #expect(configuration.limits.http.bodyBytesMax == 4 << 20)
        #expect(configuration.limits.handlerThreads == max(2, ProcessInfo.processInfo.activeProcessorCount))
        #expect(configuration.logLevel == .info)
        #expect(!configuration.webhookAllowsPrivateURLs)
    }

    @Test func readsEveryVariable() throws {
        let configuration = try Configuration.load(from: Self.minimal.merging([
            "HOST": "127.0.0.1", "PORT": "9090", "EVENT_LOOPS": "3", "DATABASE_POOL_SIZE": "7",
            "HTTP_BODY_BYTES_MAX": "2048", "HTTP_CONNECTIONS_MAX": "10", "HTTP_HANDLER_DEADLINE_SECONDS": "5",
            "HTTP_IDLE_TIMEOUT_SECONDS": "6", "HTTP_HEADER_READ_TIMEOUT_SECONDS": "2", "SHUTDOWN_DRAIN_SECONDS": "4",
            "HTTP_HANDLER_THREADS": "3", "LOG_LEVEL": "WARNING", "WEBHOOK_ALLOW_PRIVATE_URLS": "true",
        ]) { $1 })
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 9090)
        #expect(configuration.eventLoopCount == 3)
        #expect(configuration.databasePoolSize == 7)
        #expect(configuration.limits.http.bodyBytesMax == 2048)
        #expect(configuration.limits.connectionsMax == 10)
        #expect(configuration.limits.handlerDeadline == .seconds(5))
        #expect(configuration.limits.idleTimeout == .seconds(6))
        #expect(configuration.limits.headerReadTimeout == .seconds(2))
        #expect(configuration.limits.drainTimeout == .seconds(4))
        #expect(configuration.limits.handlerThreads == 3)
        #expect(configuration.logLevel == .warning)
        #expect(configuration.webhookAllowsPrivateURLs)
    }

    @Test func reportsEveryBadValueAtOnce() {
        #expect {
            try Configuration.load(from: ["PORT": "65536", "EVENT_LOOPS": "0", "LOG_LEVEL": "loud", "HTTP_BODY_BYTES_MAX": "1k"])
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.count == 5
                && problems.contains { $0.hasPrefix("DATABASE_URL is not set") }
                && problems.contains { $0.hasPrefix("PORT=65536 is not a whole number from 0 to 65535") }
                && problems.contains { $0.hasPrefix("EVENT_LOOPS=0") }
                && problems.contains { $0.hasPrefix("LOG_LEVEL=loud is not one of debug, info, warning, error") }
                && problems.contains { $0.hasPrefix("HTTP_BODY_BYTES_MAX=1k") }
        }
    }

    @Test func portEdgesAreAcceptedAndOnePastRefused() throws {
        #expect(try Configuration.load(from: Self.minimal.merging(["PORT": "65535"]) { $1 }).port == 65535)
        #expect(try Configuration.load(from: Self.minimal.merging(["PORT": "0"]) { $1 }).port == 0)
        #expect(throws: ConfigurationError.self) { try Configuration.load(from: Self.minimal.merging(["PORT": "-1"]) { $1 }) }
    }

    @Test func badDatabaseURLIsReportedWithoutItsPassword() {
        #expect {
            try Configuration.load(from: ["DATABASE_URL": "mysql://user:hunter2@host/db"])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("DATABASE_URL") && !text.contains("hunter2")
        }
    }

    @Test func enablesAProviderOnlyWithAllItsCredentials() throws {
        let full = try Configuration.load(from: Self.minimal.merging(GatewayHarness.providers) { $1 })
        #expect(full.providers.enabled == Set(ProviderName.allCases))
        #expect(full.providers.duitku?.isSandbox == true)
        #expect(try Configuration.load(from: Self.minimal).providers.enabled.isEmpty)
        #expect {
            try Configuration.load(from: Self.minimal.merging(["DOKU_BASE_URL": "http://127.0.0.1:9103", "DOKU_CLIENT_ID": "x"]) { $1 })
        } throws: { error in
            (error as? ConfigurationError)?.problems == ["DOKU is partly configured: also set DOKU_SECRET_KEY, DOKU_SOURCE_ACCOUNT_ID"]
        }
    }

    @Test func providerBaseURLsAreOriginsOnly() {
        #expect {
            try Configuration.load(from: Self.minimal.merging(["DURIANPAY_BASE_URL": "https://api.durianpay.id/v1", "DURIANPAY_SECRET_KEY": "k"]) { $1 })
        } throws: { error in
            (error as? ConfigurationError)?.problems.first?.hasPrefix("DURIANPAY_BASE_URL=https://api.durianpay.id/v1 must be a scheme, host and port only") == true
        }
    }

    @Test func aRefusedURLWithCredentialsIsNotQuoted() {
        #expect {
            try Configuration.load(from: Self.minimal.merging(["DURIANPAY_BASE_URL": "https://u:s3cret@api.example.com",
                                                                "DURIANPAY_SECRET_KEY": "k"]) { $1 })
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.count == 1 && problems[0].hasPrefix("DURIANPAY_BASE_URL=") && !problems[0].contains("s3cret")
        }
    }

    @Test func aYesNoSettingRefusesOtherWords() throws {
        let duitku = ["DUITKU_BASE_URL": "http://127.0.0.1:9101", "DUITKU_USER_ID": "3551", "DUITKU_EMAIL": "a@example.com",
                      "DUITKU_SECRET_KEY": "k"]
        #expect(try Configuration.load(from: Self.minimal.merging(duitku) { $1 }.merging(["DUITKU_SANDBOX": "TRUE"]) { $1 })
            .providers.duitku?.isSandbox == true)
        #expect {
            try Configuration.load(from: Self.minimal.merging(duitku) { $1 }.merging(["DUITKU_SANDBOX": "on"]) { $1 })
        } throws: { error in
            (error as? ConfigurationError)?.problems == ["DUITKU_SANDBOX=on is not one of true, false (or 1, 0, yes, no)"]
        }
    }

    @Test func routingFileIsValidatedAtStartWithEveryProblem() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("routing-\(UUID().uuidString).json").path
        try Data(#"{"providers":{"duitku":{"priority":"high","clearings":{"bifast":{"max":300000000}}}},"colour":1}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try Configuration.load(from: Self.minimal.merging(["ROUTING_FILE": path]) { $1 })
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.count >= 3 && problems.allSatisfy { $0.hasPrefix("ROUTING_FILE $") }
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(from: Self.minimal.merging(["ROUTING_FILE": "/nonexistent/routing.json"]) { $1 })
        }
        try Data(#"{"providers":{"duitku":{"priority":9}}}"#.utf8).write(to: URL(fileURLWithPath: path))
        let configuration = try Configuration.load(from: Self.minimal.merging(["ROUTING_FILE": path]) { $1 })
        #expect(configuration.routing.capabilities.providers[.duitku]?.priority == 9)
    }
}
