import Crypto
import HTTP
import HTTPClient
import Payouts
import Postgres
import Store
import Synchronization

/// Sends client webhooks: woken by NOTIFY (polling as a fallback, since a notification sent
/// while the listener reconnects is lost), claims due deliveries under a lease, POSTs each
/// signed, and records every try. A non-2xx answer or no answer is retried with exponential
/// backoff until 24 hours after the delivery was created.
final class WebhookDeliverer: Sendable {
    struct Settings: Sendable {
        var retryBase: Duration
        var retryCap: Duration
        /// Deliveries claimed and sent at once.
        var batch = 16
        /// Longer than a whole send can take, so a live sender never loses its claim.
        var lease = Duration.seconds(60)
        var pollInterval = Duration.seconds(5)
        var giveUpAfter = Duration.seconds(24 * 3600)
        /// `WEBHOOK_ALLOW_PRIVATE_URLS`: without it, a URL whose host resolves only to loopback,
        /// private or reserved addresses is not dialled, and the try is recorded as failed.
        var allowsPrivateURLs = false
    }

    let store: WebhookStore
    let database: PostgresConfiguration
    let settings: Settings
    let logger: Logger
    let metrics: Metrics
    private let client: HTTPClient
    private let wakeup = Wakeup()

    init(store: WebhookStore, database: PostgresConfiguration, settings: Settings, logger: Logger, metrics: Metrics) {
        self.store = store
        self.database = database
        self.settings = settings
        self.logger = logger
        self.metrics = metrics
        // Receivers are expected to answer quickly; a slow one is retried later. Only the status
        // is read (`send`), so no limit on the answer's size applies.
        self.client = HTTPClient(limits: ClientLimits(connectTimeout: .seconds(5), writeTimeout: .seconds(10),
                                                      readTimeout: .seconds(15), totalTimeout: .seconds(20),
                                                      connectionsPerHostMax: 4, publicAddressesOnly: !settings.allowsPrivateURLs))
    }

    /// Runs until the task is cancelled. Up to `batch` sends are in flight at once, and a slot
    /// that frees is refilled at once: a slow receiver holds only its own slots, never a round.
    func run() async {
        let listener = PostgresListener(configuration: database, channels: [WebhookStore.channel])
        let wakeup = wakeup
        let relay = Task { for await _ in listener.notifications() { wakeup.signal() } }
        let inFlight = SendsInFlight()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                do {
                    let free = settings.batch - inFlight.count
                    guard free > 0 else {
                        // Every slot is sending, and each finished send signals: asking the
                        // database meanwhile only spun (due "now", a 1 ms wait, again).
                        await wakeup.wait(upTo: settings.pollInterval)
                        continue
                    }
                    let token = SecureRandom.token(byteCount: 16)
                    let claimed = try await store.claim(limit: free, token: token, lease: settings.lease)
                    for delivery in claimed {
                        inFlight.add(1)
                        group.addTask {
                            await self.deliver(delivery, token: token)
                            inFlight.add(-1)
                            wakeup.signal()
                        }
                    }
                    if claimed.count == free { continue }
                    let due = try await store.nextDue() ?? settings.pollInterval
                    await wakeup.wait(upTo: min(max(due, .milliseconds(1)), settings.pollInterval))
                } catch {
                    logger.warning("webhook delivery round failed", [("error", .string(String(describing: error)))])
                    await wakeup.wait(upTo: settings.pollInterval)
                }
            }
        }
        listener.stop()
        relay.cancel()
        await shutdown()
    }

    /// Closes the outbound connections; `run` does this when it ends.
    func shutdown() async {
        await client.shutdown()
    }

    /// Claims one batch and sends it, waiting for every send; returns how many were claimed.
    /// Tests drive a deliverer with this, one round at a time.
    func sendDue() async throws -> Int {
        let token = SecureRandom.token(byteCount: 16)
        let claimed = try await store.claim(limit: settings.batch, token: token, lease: settings.lease)
        await withTaskGroup(of: Void.self) { group in
            for delivery in claimed {
                group.addTask { await self.deliver(delivery, token: token) }
            }
        }
        return claimed.count
    }

    private func deliver(_ delivery: ClaimedDelivery, token: String) async {
        do {
            guard delivery.endpointIsLive else {
                try await store.abandon(delivery.id, token: token)
                return
            }
            guard let attempt = await send(delivery) else {
                // Every connection to this receiver is busy with its other deliveries: not a try.
                try await store.putBack(delivery.id, token: token, after: .seconds(1))
                return
            }
            let status = try await store.complete(delivery.id, token: token, with: attempt,
                                                  retryDelay: retryDelay(afterFailures: delivery.attempts),
                                                  giveUpAfter: settings.giveUpAfter)
            record(delivery, attempt, status)
        } catch {
            // The lease runs out and another round tries again: at least once, never lost.
            logger.warning("webhook delivery not recorded", [("delivery_id", .string(delivery.id)),
                                                            ("error", .string(String(describing: error)))])
        }
    }

    /// One POST; never throws, a failure is an outcome to record. Nil when it was not sent
    /// because no connection to the receiver came free in time.
    func send(_ delivery: ClaimedDelivery) async -> DeliveryTry? {
        let body = WebhookJSON.eventBody(delivery)
        let now = Timestamp.now()
        let headers = HTTPHeaders([
            ("Content-Type", "application/json"), ("User-Agent", "payout-gateway-webhooks/1"),
            ("Webhook-Id", WebhookJSON.eventID(delivery.eventID)),
            ("Webhook-Signature", WebhookSignature.header(body: body, secret: delivery.signingSecret,
                                                          unixSeconds: now.microsecondsSinceEpoch / 1_000_000)),
        ])
        let started = ContinuousClock.now
        var status: Int?
        var failure: String?
        do {
            // The status decides; a 2xx with a body too large or oddly framed is still taken.
            status = try await client.send(ClientRequest(method: .post, url: delivery.url, headers: headers, body: body,
                                                         readsBody: false)).status.code
        } catch .notSent(.poolExhausted) {
            return nil
        } catch {
            failure = error.description
        }
        let elapsed = ContinuousClock.now - started
        return DeliveryTry(attemptedAt: now, responseStatus: status, error: failure, durationMilliseconds: Int(elapsed.wholeMilliseconds))
    }

    /// `base · 2^failures`, capped, with the upper half random so receivers that failed together
    /// are not all retried in the same instant.
    func retryDelay(afterFailures failures: Int) -> Duration {
        let base = settings.retryBase.wholeMilliseconds
        let cap = settings.retryCap.wholeMilliseconds
        let full = failures >= 40 ? cap : min(cap, base << Int64(failures))
        return .milliseconds(full / 2 + Int64.random(in: 0...max(0, full - full / 2)))
    }

    private func record(_ delivery: ClaimedDelivery, _ attempt: DeliveryTry, _ status: String?) {
        let outcome = status == "delivered" ? "delivered" : status == "failed" ? "failed" : "retried"
        guard status != nil else { return }
        metrics.webhookDeliveries.increment(outcome)
        guard outcome != "delivered" else { return }
        // Neither the URL (it may carry a token) nor the secret is logged.
        logger.info("webhook delivery \(outcome)", [
            ("delivery_id", .string(delivery.id)), ("endpoint_id", .string(delivery.endpointID)),
            ("response_status", attempt.responseStatus.map { .integer($0) } ?? .string("none")),
            ("error", .string(attempt.error ?? "")),
        ])
    }
}

/// How many sends `run` has started and not yet seen end.
private final class SendsInFlight: Sendable {
    private let value = Atomic<Int>(0)
    var count: Int { value.load(ordering: .acquiring) }
    func add(_ change: Int) { value.add(change, ordering: .acquiringAndReleasing) }
}
