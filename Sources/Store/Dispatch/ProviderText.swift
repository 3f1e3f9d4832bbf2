import Payouts

/// What a provider sends is recorded as it came, but PostgreSQL text cannot hold U+0000: a
/// message, code or id with one would make the answer unrecordable, and the payout would never
/// settle. Such a character is kept visible as U+FFFD instead.
extension String {
    var storable: String {
        guard utf8.contains(0) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }
}

extension ProviderOutcome {
    var storable: ProviderOutcome {
        switch self {
        case .accepted(let transaction): .accepted(providerTransactionID: transaction?.storable)
        case .succeeded(let transaction, let fee, let amount): .succeeded(providerTransactionID: transaction?.storable, fee: fee, amount: amount)
        case .failed(let refusal): .failed(refusal.storable)
        case .unknown(let reason, let transaction): .unknown(reason: reason.storable, providerTransactionID: transaction?.storable)
        }
    }
}

extension ProviderFailure {
    var storable: ProviderFailure {
        var copy = self
        copy.providerCode = providerCode.storable
        copy.message = message.storable
        return copy
    }
}

extension PayoutFailure {
    var storable: PayoutFailure {
        PayoutFailure(code: code, message: message.storable, provider: provider, providerCode: providerCode?.storable,
                      isRetryable: isRetryable)
    }
}
