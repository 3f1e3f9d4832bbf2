import Payouts

extension RouteDecision {
    /// The `routing` object of DESIGN.md (Contract), ready to store verbatim:
    /// `{"chosen": {"provider","clearing","fee","expected_settlement"} or null,
    ///   "candidates": [{"provider","clearing","eligible","reasons": [..]}]}`.
    /// `fee` is a decimal string like every amount on the wire ("2500.00"); `expected_settlement`
    /// is "instant", "same_business_day" or the RFC 3339 WIB instant the payout is scheduled for.
    public var json: String {
        var out = "{\"chosen\":"
        if let chosen {
            out += "{\"provider\":\(JSONText.quoted(chosen.provider.rawValue)),"
                + "\"clearing\":\(JSONText.quoted(chosen.clearing.rawValue)),"
                + "\"fee\":\(JSONText.quoted(chosen.fee.decimalString)),"
                + "\"expected_settlement\":\(JSONText.quoted(chosen.expectedSettlement.text))}"
        } else {
            out += "null"
        }
        out += ",\"candidates\":["
        for (index, candidate) in candidates.enumerated() {
            if index > 0 { out += "," }
            out += "{\"provider\":\(JSONText.quoted(candidate.provider.rawValue)),"
                + "\"clearing\":\(JSONText.quoted(candidate.clearing.rawValue)),"
                + "\"eligible\":\(candidate.eligible),"
                + "\"reasons\":[" + candidate.reasons.map(JSONText.quoted).joined(separator: ",") + "]}"
        }
        return out + "]}"
    }
}
