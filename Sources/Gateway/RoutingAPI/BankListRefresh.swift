import Duitku
import Payouts
import Routing

/// Keeps routing's view of a provider's destinations and caps in step with the bank list the
/// provider publishes (Duitku `listBank` [seed-004]), when `ROUTING_REFRESH_MINUTES` asks for it.
/// A failed or empty answer keeps the data routing has.
struct BankListRefresh: Sendable {
    let providers: ProviderRegistry
    let routing: RoutingService
    let directory: BankDirectory
    let logger: Logger
    let interval: Duration

    func run() async {
        while !Task.isCancelled {
            await refreshOnce()
            try? await Task.sleep(for: interval)
        }
    }

    /// True when a list was received and applied.
    @discardableResult
    func refreshOnce() async -> Bool {
        guard let duitku = providers[.duitku] as? DuitkuProvider else { return false }
        guard let banks = await duitku.listBanks(), !banks.isEmpty else {
            logger.warning("bank list refresh failed; routing keeps its data", [("provider", .string("duitku"))])
            return false
        }
        let listing = banks.map { ListedDestination(code: $0.bankCode, maximum: Money(decimal: $0.maxAmountTransfer)) }
        guard let unknown = routing.refresh(.duitku, from: listing, directory: directory) else { return false }
        logger.info("bank list refreshed", [("provider", .string("duitku")), ("listed", .integer(banks.count)),
                                            ("unknown_codes", .string(unknown.joined(separator: ",")))])
        return true
    }
}
