import Dispatch
import Postgres

/// Runs `body` while another session holds what `lock` takes in an open transaction (a row, a
/// table, an advisory lock), as a slow request or an operator would; lets go afterwards.
public func whileAnotherSessionHolds(
    _ configuration: PostgresConfiguration, _ lock: String, _ parameters: [PostgresValue] = [],
    _ body: () async throws -> Void
) async throws {
    let holder = PostgresPool(configuration: configuration, limits: PoolLimits(size: 1))
    let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
    let holding = Task {
        try await holder.withTransaction { connection in
            try connection.execute(lock, parameters)
            locked.signal()
            release.wait()
        }
    }
    while locked.wait(timeout: .now()) != .success {
        try await Task.sleep(for: .milliseconds(10))
    }
    do {
        try await body()
    } catch {
        release.signal()
        _ = try? await holding.value
        await holder.shutdown()
        throw error
    }
    release.signal()
    try await holding.value
    await holder.shutdown()
}
