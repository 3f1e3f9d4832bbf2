import Duitku
import Durianpay
import Payouts
import Routing

/// Keeps routing's view of a provider's destinations and caps in step with the bank list the
/// provider publishes (Duitku `listBank` [seed-004], Durianpay's bank list [durianpay.md §2]), when
/// `ROUTING_REFRESH_MINUTES` asks for it.
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

    /// The providers whose list was received and applied.
    @discardableResult
    func refreshOnce() async -> [ProviderName] {
        var refreshed: [ProviderName] = []
        if let duitku = providers[.duitku] as? DuitkuProvider {
            let listing = await duitku.listBanks()?.map {
                ListedDestination(code: $0.bankCode, maximum: Money(decimal: $0.maxAmountTransfer))
            }
            if apply(listing, to: .duitku) { refreshed.append(.duitku) }
        }
        if let durianpay = providers[.durianpay] as? DurianpayProvider {
            let listing = await durianpay.listBanks()?.map { ListedDestination(code: $0.code, maximum: nil) }
            if apply(listing, to: .durianpay) { refreshed.append(.durianpay) }
        }
        return refreshed
    }

    private func apply(_ listing: [ListedDestination]?, to provider: ProviderName) -> Bool {
        guard let listing, !listing.isEmpty else {
            logger.warning("bank list refresh failed; routing keeps its data", [("provider", .string(provider.rawValue))])
            return false
        }
        guard let unknown = routing.refresh(provider, from: listing, directory: directory) else { return false }
        logger.info("bank list refreshed", [("provider", .string(provider.rawValue)), ("listed", .integer(listing.count)),
                                            ("unknown_codes", .string(unknown.joined(separator: ",")))])
        return true
    }
}
