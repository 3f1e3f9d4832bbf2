import Postgres

/// Runs `body`, and again after a transient database error (`PostgresError.isTransient`), up to
/// `tries` runs in all, waiting `firstDelay` and then twice as long each time. For writes that
/// are safe to repeat and whose input cannot be had again: a provider's answer to a transfer
/// (DOKU has no status call) would otherwise be dropped, leaving the payout to wait for the
/// reconcile deadline and a person.
func retryingTransient<T>(
    tries: Int = 4, firstDelay: Duration = .milliseconds(500),
    onRetry: (PostgresError) -> Void = { _ in }, _ body: () async throws -> T
) async throws -> T {
    var delay = firstDelay
    var run = 1
    while true {
        do {
            return try await body()
        } catch let error as PostgresError where error.isTransient && run < tries {
            onRetry(error)
            try await Task.sleep(for: delay)
            delay *= 2
            run += 1
        }
    }
}
