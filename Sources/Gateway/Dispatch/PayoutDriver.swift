import Payouts
import Routing
import Store

/// Moves one payout one step forward per claimed job: sends the next attempt, or asks the
/// provider about the open one. Every step reads the stored state first, so a job repeated
/// after a crash or a lost lease does whatever is still left, and never sends an attempt twice:
/// an attempt is written before its call, and an open attempt is only ever asked about.
struct PayoutDriver: Sendable {
    let store: DispatchStore
    let providers: ProviderRegistry
    let routing: RoutingService
    let settings: DispatchSettings
    let counters: DispatchCounters
    let logger: Logger
    /// Asks the bank's holder name before the first attempt of a payout with `validate_account`.
    let validator: AccountValidator
    static let actor = "dispatcher"

    func drive(_ job: DispatchJob) async {
        do {
            try await step(job)
        } catch {
            logger.error("dispatch step failed", [("payout_id", .string(job.payoutID)),
                                                  ("error", .string(String(describing: error)))])
            await stepFailed(job)
        }
    }

    /// Retries the job soon; once its steps have failed without a break for longer than the
    /// reconcile deadline, its payout goes to `needs_review`, where a person sees it, rather than
    /// staying open for ever (the job goes on, as rarely as a payout in review is checked).
    private func stepFailed(_ job: DispatchJob) async {
        do {
            guard try await store.releaseAfterError(job, after: settings.retryAfterError,
                                                    failingLongerThan: settings.reconcileDeadline,
                                                    overdueDelay: settings.reviewRecheck),
                  try await store.markStuck(payoutID: job.payoutID,
                                            reason: "its dispatch steps kept failing for longer than the reconcile deadline (see the gateway's log)",
                                            actor: Self.actor) else { return }
            counters.settled("needs_review")
            logger.warning("payout needs review", [("payout_id", .string(job.payoutID)), ("reason", .string("dispatch steps keep failing"))])
        } catch {
            // The database failed too: the lease runs out and the job is taken up again.
        }
    }

    private func step(_ job: DispatchJob) async throws {
        guard let work = try await store.work(payoutID: job.payoutID) else { return try await store.drop(job) }
        switch work.payout.status {
        case .succeeded, .failed, .cancelled, .awaitingApproval:
            return try await store.drop(job)
        case .pending, .scheduled, .processing, .needsReview:
            break
        }
        if let open = work.openAttempt {
            try await reconcile(open, of: work, job: job)
        } else if work.payout.status == .needsReview {
            try await store.drop(job)  // settled by a person; nothing is open to ask about
        } else {
            try await sendNext(work, job: job)
        }
    }

    // MARK: Sending

    private func sendNext(_ work: PayoutWork, job: DispatchJob) async throws {
        let payout = work.payout
        if work.attempts.isEmpty, payout.validatesAccount, try await !accountPassesValidation(work, job: job) { return }
        let request = PayoutRequest(reference: payout.reference, amount: payout.amount, beneficiary: payout.beneficiary,
                                    clearing: work.requestedClearing, provider: work.requestedProvider,
                                    description: payout.description, metadata: payout.metadata)
        let now = Timestamp.now()
        // A closed rail is no candidate for a payout that must not wait: it fails below.
        let decision = routing.decide(request, executeImmediately: payout.executesImmediately, now: now)
        let tried = Set(work.attempts.map { "\($0.provider.rawValue)/\($0.clearing.rawValue)" })
        let usable = decision.candidates.filter {
            $0.eligible && providers[$0.provider] != nil && !tried.contains("\($0.provider.rawValue)/\($0.clearing.rawValue)")
        }
        if let candidate = usable.first(where: \.isOpenNow) {
            try await send(work, via: candidate, routingJSON: work.attempts.isEmpty ? decision.json : nil, job: job)
        } else if let opensAt = usable.compactMap(\.opensAt).min() {
            // Also after a refused attempt: a rail closed for the night or weekend opens again,
            // and the payout waits for it rather than failing (clearing-rules.md §2 rule 5).
            try await store.schedule(job, until: opensAt, actor: Self.actor)
        } else {
            let failure = work.attempts.last?.failure ?? PayoutFailure(
                code: decision.noRoute?.code ?? .noRoute,
                message: decision.noRoute?.message ?? "No enabled provider can carry this payout now.",
                isRetryable: (decision.noRoute?.code ?? .noRoute).isRetryable)
            if try await store.fail(payoutID: payout.id, failure: failure, actor: Self.actor) { counters.settled("failed") }
        }
    }

    private func send(_ work: PayoutWork, via candidate: Candidate, routingJSON: String?, job: DispatchJob) async throws {
        guard let adapter = providers[candidate.provider] else { return }
        let planned = NewAttempt(number: (work.attempts.last?.number ?? 0) + 1, provider: candidate.provider,
                                 clearing: candidate.clearing, prepares: adapter.preparesBeforeSubmit, routingJSON: routingJSON)
        // Nil: another worker or a cancel got there first; whatever it left is its to finish.
        guard var attempt = try await store.begin(planned, for: job, actor: Self.actor) else { return }
        let payout = work.payout
        var submission = PayoutSubmission(payoutID: payout.id, attempt: attempt.number, amount: payout.amount,
                                          beneficiary: payout.beneficiary, clearing: attempt.clearing,
                                          description: payout.description, bankCode: candidate.bankCode)
        if planned.prepares {
            let prepared = await adapter.prepare(submission)
            switch prepared {
            case .failed(let refusal):
                observe(candidate.provider, "prepare", .failed(refusal))
                return try await settle(.failed(refusal), of: attempt, job: job)
            case .ready(let token, let transaction):
                observe(candidate.provider, "prepare", .accepted(providerTransactionID: transaction))
                // Thrown away, the inquiry would be closed as interrupted and this provider dropped
                // from the candidates. Repeating is safe: a first try that did commit (its
                // acknowledgement lost) answers true again for the same token, and nothing else.
                guard try await recordingAgainIfTransient("an inquiry", of: attempt, {
                    try await store.prepared(attempt, inquiryToken: token, transactionID: transaction, for: job)
                }) else { return }
                submission.inquiryToken = token
                attempt.providerTransactionID = transaction ?? attempt.providerTransactionID
                attempt.state = .sending
            }
        }
        let outcome = await adapter.submit(submission)
        observe(candidate.provider, "submit", outcome)
        try await settle(outcome, of: attempt, job: job)
    }

    /// False when the payout was failed (invalid account, name mismatch) or must wait for an
    /// inquiry provider; an inquiry moves no money, so repeating it after a crash is harmless.
    private func accountPassesValidation(_ work: PayoutWork, job: DispatchJob) async throws -> Bool {
        let beneficiary = work.payout.beneficiary
        let failure: PayoutFailure
        switch await validator.validate(bank: beneficiary.bank, accountNumber: beneficiary.accountNumber,
                                        expectedName: beneficiary.accountName) {
        case .found(_, _, .some(.mismatch)):
            failure = PayoutFailure(code: .nameMismatch, message: "The bank's holder name does not match account_name.",
                                    isRetryable: false)
        case .invalid(let provider, let refusal):
            failure = PayoutFailure(code: .invalidAccount, message: refusal.message, provider: provider,
                                    providerCode: refusal.providerCode, isRetryable: false)
        case .unavailable:
            // Counted from when the payout could first be sent: a scheduled one waited for its
            // window, a batch's for its approval.
            let age = Timestamp.now().microsecondsSinceEpoch - work.sendableSince.microsecondsSinceEpoch
            guard age > settings.reconcileDeadline.wholeMicroseconds else {
                try await store.release(job, after: settings.checkDelay(afterChecks: 3))
                return false
            }
            failure = PayoutFailure(code: .providerUnavailable, message: "No provider could check the account in time.",
                                    isRetryable: true)
        case .notOffered:
            // Providers were configured differently when the payout was accepted. Sending it
            // unchecked would skip what the client asked for.
            failure = PayoutFailure(code: .providerUnavailable,
                                    message: "No configured provider can check accounts at this bank; validate_account was asked.",
                                    isRetryable: true)
        case .found:
            return true
        }
        if try await store.fail(payoutID: work.payout.id, failure: failure, actor: Self.actor) { counters.settled("failed") }
        return false
    }

    // MARK: Reconciling

    private func reconcile(_ open: AttemptRecord, of work: PayoutWork, job: DispatchJob) async throws {
        if open.state == .inquiring {
            // The transfer is sent only after the first step's answer is recorded, so this
            // attempt cannot have moved money: close it and let the next candidate try.
            let interrupted = ProviderFailure(code: .providerUnavailable, providerCode: "",
                                              message: "interrupted before the transfer was sent")
            // Only if still inquiring under the lock: a worker whose lease ran out while recording
            // the first step may have moved it to sending, and then the transfer may be on its way.
            return try await settle(.failed(interrupted), of: open, job: job, onlyIn: .inquiring)
        }
        let outcome: ProviderOutcome
        if let adapter = providers[open.provider] {
            outcome = await adapter.status(of: open.reference)
            observe(open.provider, "status", outcome)
        } else {
            outcome = .unknown(reason: "\(open.provider.rawValue) is not configured in this process")
        }
        try await store.countCheck(open)
        try await settle(outcome, of: open, job: job, checkedPayout: work.payout)
    }

    /// Records `outcome` and decides when the job runs next.
    private func settle(_ outcome: ProviderOutcome, of attempt: AttemptRecord, job: DispatchJob,
                        checkedPayout: Payout? = nil, onlyIn expected: AttemptState? = nil) async throws {
        // Recording again is harmless: final states absorb a repeated outcome.
        let effect = try await recordingAgainIfTransient("a provider answer", of: attempt) {
            try await store.record(outcome, for: attempt, actor: Self.actor, onlyIn: expected)
        }
        switch effect {
        case .succeeded: counters.settled("succeeded")
        case .payoutFailed: counters.settled("failed")
        case .attemptFailed, .unchanged, .unknownAttempt: break
        case .conflict(let what, let toReview):
            logger.error("provider contradicts a recorded outcome", [("payout_id", .string(attempt.payoutID)),
                                                                     ("provider", .string(attempt.provider.rawValue)),
                                                                     ("conflict", .string(what))])
            if toReview { counters.settled("needs_review") }
            // Not left leased: an attempt still open is asked about; with none, the job is dropped.
            try await store.release(job, after: settings.checkDelay(afterChecks: attempt.checks))
        case .noted:
            let age = Timestamp.now().microsecondsSinceEpoch - attempt.createdAt.microsecondsSinceEpoch
            let overdue = age > settings.reconcileDeadline.wholeMicroseconds
            if overdue, checkedPayout?.status == .processing,
               try await store.markNeedsReview(payoutID: attempt.payoutID, attempt: attempt.number,
                                               reason: "no definite outcome from \(attempt.provider.rawValue) within the reconcile deadline",
                                               actor: Self.actor) {
                counters.settled("needs_review")
                logger.warning("payout needs review", [("payout_id", .string(attempt.payoutID)),
                                                       ("provider", .string(attempt.provider.rawValue))])
            }
            try await store.release(job, after: overdue ? settings.reviewRecheck : settings.checkDelay(afterChecks: attempt.checks))
        }
    }

    /// `record` (a write of what a provider said), run again after a transient database error
    /// (`retryingTransient`), each retry logged.
    private func recordingAgainIfTransient<T>(_ what: String, of attempt: AttemptRecord,
                                              _ record: () async throws -> T) async throws -> T {
        try await retryingTransient(onRetry: { error in
            logger.warning("recording \(what) failed; retrying", [
                ("payout_id", .string(attempt.payoutID)), ("error", .string(error.description)),
            ])
        }, record)
    }

    private func observe(_ provider: ProviderName, _ call: String, _ outcome: ProviderOutcome) {
        let (label, health): (String, CircuitBreaker.CallOutcome) = switch outcome {
        case .accepted: ("accepted", .answered)
        case .succeeded: ("succeeded", .answered)
        case .failed(let refusal): refusal.code == .providerUnavailable ? ("unavailable", .failed) : ("refused", .answered)
        case .unknown: ("unknown", .timedOut)
        }
        counters.call(provider.rawValue, call, label)
        // A status check answering "unknown" is normal (DOKU has no status call at all), so only
        // sending feeds the circuit breaker.
        if call != "status" { routing.record(health, for: provider, at: Timestamp.now()) }
    }
}

/// How the dispatcher paces itself.
struct DispatchSettings: Sendable {
    var workers: Int
    /// How long a claimed job is a worker's alone: longer than a two-step submission can take.
    var lease: Duration
    /// After this, an attempt without a definite outcome puts its payout in `needs_review`.
    var reconcileDeadline: Duration
    /// First wait before asking a provider about an attempt it took; doubles per check.
    var checkBase: Duration
    var checkMax: Duration = .seconds(300)
    /// How often a payout in review is still asked about.
    var reviewRecheck: Duration = .seconds(900)
    var retryAfterError: Duration = .seconds(5)
    /// Idle workers look for due jobs this often even without a NOTIFY (scheduled and
    /// rechecked jobs become due without one, and a create skips it while work is waiting).
    var pollInterval: Duration = .milliseconds(250)

    init(configuration: Configuration) {
        workers = configuration.dispatchWorkers
        lease = configuration.providerTimeout * 3 + .seconds(30)
        reconcileDeadline = configuration.reconcileDeadline
        checkBase = configuration.reconcileBackoff
        reviewRecheck = min(reviewRecheck, configuration.reconcileDeadline)
    }

    func checkDelay(afterChecks checks: Int) -> Duration {
        let factor = Int64(1) << Int64(min(checks, 16))
        return min(checkBase * factor, checkMax)
    }
}
