import Payouts

/// How a provider simulator listens, calls back and misbehaves.
public struct SimulatorOptions: Sendable {
    /// 0 picks a free port (tests never use fixed ports).
    public var port: Int
    /// Where callbacks and notifications are POSTed (`http://127.0.0.1:8080/v1/callbacks/duitku`); nil sends none.
    public var callbackURL: String?
    /// Added before every answer.
    public var latency: Duration
    /// How long after accepting a transfer the provider settles it and calls back.
    public var settleDelay: Duration
    /// Our prefunded deposit at the provider.
    public var balance: Money
    /// The misbehaviour at start; change it later with `setFault(_:)`.
    public var fault: SimulatorFault

    /// Options with quiet defaults: free port, no callback, no latency, IDR 10 billion, no fault.
    public init(port: Int = 0, callbackURL: String? = nil, latency: Duration = .zero,
                settleDelay: Duration = .milliseconds(50), balance: Money = Money(rupiah: 10_000_000_000) ?? .zero,
                fault: SimulatorFault = .none) {
        self.port = port
        self.callbackURL = callbackURL
        self.latency = latency
        self.settleDelay = settleDelay
        self.balance = balance
        self.fault = fault
    }
}

/// A fault injected into the money-moving call only, so a status check afterwards tells the truth.
public enum SimulatorFault: Sendable, Equatable {
    case none
    /// Stop listening: connections are refused (the request is certainly not sent).
    case refuseConnections
    /// Answer 500 without executing anything.
    case serverError
    /// Execute the transfer, then hold the answer this long (past the client's deadline).
    case delayAfterExecuting(Duration)
    /// Execute the transfer, then cut the connection in the middle of the answer.
    case dropConnectionAfterExecuting
    /// Execute the transfer, then alter the answer's body after it was signed.
    case tamperResponseBody
}

/// One transfer a simulator executed: money left our deposit.
public struct ExecutedTransfer: Sendable, Hashable {
    /// The provider's key for the transfer (Duitku `disburseId`, DOKU `transaction.id`).
    public var reference: String
    public var amount: Money
    public var accountNumber: String
    /// The bank as the provider names it (Duitku `bankCode`, DOKU SWIFT `code`).
    public var bank: String

    public init(reference: String, amount: Money, accountNumber: String, bank: String) {
        self.reference = reference
        self.amount = amount
        self.accountNumber = accountNumber
        self.bank = bank
    }
}
