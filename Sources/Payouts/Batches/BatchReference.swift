/// The batch's own reference follows the payout reference's rules, so one client id scheme
/// serves both.
public enum BatchReference {
    /// The problems with `value` as a batch reference (field `reference`), none when it is good.
    public static func issues(_ value: String?, limits: PayoutLimits = PayoutLimits()) -> [FieldIssue] {
        var check = FieldChecks(limits: limits)
        _ = check.reference(value)
        return check.issues
    }
}
