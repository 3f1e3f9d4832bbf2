import Ledger
import Payouts

/// Each configured provider's own figure for our prefund, set beside the ledger's, so finance
/// sees at a glance where the books and the provider disagree.
struct ProviderBalances: Sendable {
    let providers: ProviderRegistry
    let calls: DeadlineRunner
    /// How long `GET /v1/balances` waits for a provider; a slower one is shown as unavailable.
    let deadline: Duration

    /// One provider's line.
    struct Line: Sendable {
        var provider: ProviderName
        var reported: BalanceOutcome
    }

    /// Asks every configured provider at once; answers in `ProviderName` order.
    func lines() async -> [Line] {
        let (deadline, calls) = (deadline, calls)
        return await withTaskGroup(of: Line.self) { group in
            for provider in providers.all {
                group.addTask {
                    let answer = await calls.answer(within: deadline) { await provider.balance() }
                    return Line(provider: provider.name, reported: answer ?? .unavailable(reason: "no answer within \(deadline)"))
                }
            }
            var lines: [Line] = []
            for await line in group { lines.append(line) }
            return lines.sorted { $0.provider.order < $1.provider.order }
        }
    }

    /// `{"provider", "account", "ledger_posted", "ledger_in_flight", "ledger_available",
    /// "provider_balance_status", "provider_balance", "provider_balance_reason", "difference"}`.
    /// `difference` is the provider's figure minus the ledger's posted balance: between minus
    /// `ledger_in_flight` and zero while payouts are on their way, anything else wants a look.
    /// A provider without a balance call (`not_offered`) or without an answer (`unavailable`)
    /// has null figures, never zero.
    static func write(_ line: Line, ledger: [String: Balance], into json: inout JSONWriter) {
        let account = (try? LedgerAccount.prefunded(by: line.provider.rawValue))?.code ?? "provider:\(line.provider.rawValue):prefunded"
        let books = ledger[account] ?? Balance(normalSide: .debit)
        json.object { json in
            json.field("provider", line.provider.rawValue)
            json.field("account", account)
            json.field("ledger_posted", LedgerRoutes.signed(books.posted))
            json.field("ledger_in_flight", LedgerRoutes.signed(books.pendingCredits))
            json.field("ledger_available", LedgerRoutes.signed(books.available))
            switch line.reported {
            case .balance(let money):
                json.field("provider_balance_status", "reported")
                json.field("provider_balance", money.decimalString)
                json.field("provider_balance_reason", nil as String?)
                let (difference, overflow) = money.rupiah.subtractingReportingOverflow(books.posted)
                json.field("difference", overflow ? nil : LedgerRoutes.signed(difference))
            case .notOffered:
                json.field("provider_balance_status", "not_offered")
                json.field("provider_balance", nil as String?)
                json.field("provider_balance_reason", "\(line.provider.rawValue) offers no balance call")
                json.field("difference", nil as String?)
            case .unavailable(let reason):
                json.field("provider_balance_status", "unavailable")
                json.field("provider_balance", nil as String?)
                json.field("provider_balance_reason", String(reason.prefix(200)))
                json.field("difference", nil as String?)
            }
        }
    }
}
