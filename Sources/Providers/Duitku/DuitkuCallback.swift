import Crypto
import Payouts

/// Verifies and reads Duitku's H2H clearing callback (duitku.md §4): a JSON POST signed with
/// SHA256(email + bankCode + bankAccount + accountName + custRefNumber + amountTransfer +
/// disburseId + secretKey) [seed-004]. The formula covers neither a timestamp nor the status, so
/// a captured callback could be replayed with another `statusCode`: the news is marked unsigned
/// and a final outcome is confirmed by a status check before it is recorded.
struct DuitkuCallback {
    let email: String
    let signer: DuitkuSigner

    /// Duitku's PHP sample answers the body `SUCCESS`.
    static let acknowledgement = CallbackAcknowledgement(status: 200, contentType: "text/plain", body: "SUCCESS")

    func verify(_ callback: ProviderCallback) -> CallbackOutcome {
        guard let body = DuitkuJSON.decode(DuitkuCallbackBody.self, from: callback.body),
              let amount = body.amountTransfer.rupiah else {
            return .rejected(reason: "unreadable Duitku callback")
        }
        // Signed with the amount as whole rupiah, without decimals (duitku.md §1).
        let expected = signer.clearingCallback(bankCode: body.bankCode, bankAccount: body.bankAccount,
                                               accountName: body.accountName, custRefNumber: body.custRefNumber,
                                               amount: amount, disburseID: body.disburseId.text)
        guard body.email == email, ConstantTime.equals(expected, body.signature.lowercased()) else {
            return .rejected(reason: "bad Duitku callback signature")
        }
        let disburseID = body.disburseId.text
        // Our reference does not travel in the callback: the gateway finds the attempt by
        // disburseId (providerTransactionID); custRefNumber is kept for the audit trail.
        let attempt = AttemptReference(providerReference: body.custRefNumber, providerTransactionID: disburseID)
        let outcome = DuitkuCallbackStatus(body.statusCode)
            .outcome(disburseID: disburseID, desc: body.errorMessage ?? body.statusDesc ?? "", amount: body.amountTransfer.money)
        return .verified(CallbackNews(attempt: attempt, outcome: outcome, acknowledgement: Self.acknowledgement,
                                      statusIsSigned: false))
    }
}
