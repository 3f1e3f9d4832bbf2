/// A payout provider the gateway can send through; raw values are the callback path names.
public enum ProviderName: String, CaseIterable, Hashable, Sendable {
    /// Duitku disbursement API [seed-004].
    case duitku
    /// Durianpay legacy disbursements API [seed-000][seed-001].
    case durianpay
    /// DOKU RDL disbursement [seed-002].
    case doku
    /// SingaPay B2B money-out.
    case singapay
}
