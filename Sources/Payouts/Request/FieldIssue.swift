/// One thing wrong with one field of a request.
public struct FieldIssue: Hashable, Sendable, CustomStringConvertible {
    /// Dotted path of the field as the client spelled it (`beneficiary.account_number`, `metadata.foo`).
    public let field: String
    /// What is wrong and what is allowed; never echoes an account number.
    public let message: String

    /// An issue with a field.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// "field: message".
    public var description: String { "\(field): \(message)" }
}
