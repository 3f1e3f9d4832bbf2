import Payouts

/// Verifies and reads DOKU's HTTP notification (doku.md §1.5, §4): signed like a request, with
/// `Request-Target` = the path of our notification URL and the Digest of the raw body as
/// received (never a re-encoded parse). DOKU wants any 2xx; without one it retries 3 times.
struct DokuCallback {
    let clientID: String
    let signer: DokuSigner

    func verify(_ callback: ProviderCallback) -> CallbackOutcome {
        guard callback.header("Client-Id") == clientID, let requestID = callback.header("Request-Id"),
              let timestamp = callback.header("Request-Timestamp") else {
            return .rejected(reason: "DOKU notification without its signature headers")
        }
        let expected = signer.requestSignature(requestID: requestID, timestamp: timestamp, target: callback.path,
                                               body: callback.body)
        guard signer.matches(callback.header("Signature"), expected) else {
            return .rejected(reason: "bad DOKU notification signature")
        }
        // The RDL notification's payload is not documented (doku.md §9): a signed one of another
        // shape is DOKU's only word on the payout (no status call), so it is kept, not refused.
        guard let body = DokuJSON.decode(DokuDisbursement.self, from: callback.body) else {
            return .unreadable(reason: "signed DOKU notification of an unknown shape", acknowledgement: CallbackAcknowledgement())
        }
        let id = body.transaction.id
        let outcome = DokuStatus(body.transaction.status).outcome(transactionID: id, amount: body.transaction.amount)
        return .verified(CallbackNews(attempt: AttemptReference(providerReference: id, providerTransactionID: id),
                                      outcome: outcome, acknowledgement: CallbackAcknowledgement()))
    }
}
