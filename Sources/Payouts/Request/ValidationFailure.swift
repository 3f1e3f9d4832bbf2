/// Every problem found in a draft at once, in field order, so a client fixes them in one go.
public struct ValidationFailure: Error, Hashable, Sendable {
    /// The problems, never empty.
    public let issues: [FieldIssue]

    /// A failure carrying at least one issue.
    public init(issues: [FieldIssue]) {
        precondition(!issues.isEmpty, "a validation failure names at least one field")
        self.issues = issues
    }

    /// The issues as `(field, message)` pairs, the shape of a problem document's `errors`.
    public var pairs: [(field: String, message: String)] {
        issues.map { ($0.field, $0.message) }
    }

    /// The fields that failed, in order.
    public var fields: [String] { issues.map(\.field) }
}
