import Store

/// Periodic housekeeping while the gateway serves: expired idempotency keys.
struct Maintenance: Sendable {
    static let idempotencyRetentionHours = 48
    static let interval = Duration.seconds(600)

    let payouts: PayoutStore
    let logger: Logger

    /// Runs until the task is cancelled.
    func run() async {
        while !Task.isCancelled {
            do {
                var deleted = 0
                var batch = 0
                repeat {
                    batch = try await payouts.deleteIdempotencyKeys(olderThanHours: Self.idempotencyRetentionHours)
                    deleted += batch
                } while batch > 0 && !Task.isCancelled
                if deleted > 0 { logger.info("expired idempotency keys deleted", [("count", .integer(deleted))]) }
            } catch {
                logger.warning("idempotency key cleanup failed", [("error", .string(String(describing: error)))])
            }
            try? await Task.sleep(for: Self.interval)
        }
    }
}
