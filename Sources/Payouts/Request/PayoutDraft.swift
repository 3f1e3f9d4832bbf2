/// The create-payout body as the client sent it, before any value is checked.
///
/// Every field is an optional `String` (or a string map, or a boolean) so that decoding only
/// fails on a wrong JSON type or an unknown field, which the gateway reports itself; everything
/// about the values is `PayoutRequest.validate(_:directory:)`'s job. Property names follow the
/// wire names (`account_number` → `accountNumber`); `CodingKeys` spell the wire form.
public struct PayoutDraft: Hashable, Sendable, Decodable {
    /// The beneficiary object as sent.
    public struct Beneficiary: Hashable, Sendable, Decodable {
        /// Any bank code scheme, or an id (`bca`, `014`, `CENAIDJA`).
        public var bank: String?
        /// Bank account number, or the phone number of an e-wallet.
        public var accountNumber: String?
        /// The holder's name as the client knows it.
        public var accountName: String?
        /// Optional beneficiary email.
        public var email: String?
        /// Optional beneficiary phone.
        public var phone: String?

        /// Wire names of the beneficiary fields.
        public enum CodingKeys: String, CodingKey, CaseIterable {
            case bank, email, phone
            case accountNumber = "account_number"
            case accountName = "account_name"
        }

        /// A beneficiary draft from loose values.
        public init(bank: String? = nil, accountNumber: String? = nil, accountName: String? = nil,
                    email: String? = nil, phone: String? = nil) {
            self.bank = bank
            self.accountNumber = accountNumber
            self.accountName = accountName
            self.email = email
            self.phone = phone
        }
    }

    /// The client's own unique reference.
    public var reference: String?
    /// Decimal string in IDR.
    public var amount: String?
    /// Must be `IDR`.
    public var currency: String?
    /// Where the money goes; nil when the object was absent.
    public var beneficiary: Beneficiary?
    /// A `Clearing` raw value; absent means `auto`.
    public var clearing: String?
    /// A `ProviderName` raw value; absent lets the router choose.
    public var provider: String?
    /// Free text passed to the provider as notes or description.
    public var description: String?
    /// Client key-value pairs kept with the payout, never sent to a provider.
    public var metadata: [String: String]?
    /// Whether to check the account and holder name with a provider before paying.
    public var validateAccount: Bool?

    /// Wire names of the top-level fields (the gateway can refuse any other key with these).
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case reference, amount, currency, beneficiary, clearing, provider, description, metadata
        case validateAccount = "validate_account"
    }

    /// A draft from loose values.
    public init(reference: String? = nil, amount: String? = nil, currency: String? = nil,
                beneficiary: Beneficiary? = nil, clearing: String? = nil, provider: String? = nil,
                description: String? = nil, metadata: [String: String]? = nil, validateAccount: Bool? = nil) {
        self.reference = reference
        self.amount = amount
        self.currency = currency
        self.beneficiary = beneficiary
        self.clearing = clearing
        self.provider = provider
        self.description = description
        self.metadata = metadata
        self.validateAccount = validateAccount
    }
}
