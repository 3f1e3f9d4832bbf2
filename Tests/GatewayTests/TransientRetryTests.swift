@testable import Gateway
import Postgres
import Synchronization
import Testing

@Suite struct TransientRetryTests {
    static let busy = PostgresError(kind: .poolTimeout, message: "no connection became free")

    @Test func aTransientErrorIsRetriedUntilTheWriteGoesThrough() async throws {
        let runs = Atomic(0), retries = Atomic(0)
        let value = try await retryingTransient(firstDelay: .milliseconds(1), onRetry: { _ in retries.add(1, ordering: .relaxed) }) {
            if runs.add(1, ordering: .relaxed).newValue < 3 { throw Self.busy }
            return 7
        }
        #expect(value == 7)
        #expect(runs.load(ordering: .relaxed) == 3)
        #expect(retries.load(ordering: .relaxed) == 2)
    }

    @Test func anErrorThatWouldRecurIsThrownAtOnce() async throws {
        let runs = Atomic(0)
        let error = await #expect(throws: PostgresError.self) {
            try await retryingTransient(firstDelay: .milliseconds(1)) {
                runs.add(1, ordering: .relaxed)
                throw PostgresError(kind: .server, message: "duplicate key", sqlState: "23505")
            }
        }
        #expect(error?.sqlState == "23505")
        #expect(runs.load(ordering: .relaxed) == 1)
    }

    @Test func aDatabaseThatStaysAwayIsReportedAfterTheLastTry() async throws {
        let runs = Atomic(0)
        let error = await #expect(throws: PostgresError.self) {
            try await retryingTransient(tries: 3, firstDelay: .milliseconds(1)) {
                runs.add(1, ordering: .relaxed)
                throw Self.busy
            }
        }
        #expect(error?.kind == .poolTimeout)
        #expect(runs.load(ordering: .relaxed) == 3)
    }
}
