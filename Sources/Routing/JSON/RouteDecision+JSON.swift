import Payouts

extension RouteDecision {
    /// The `routing` object of DESIGN.md (Contract), ready to store verbatim:
    /// `{"chosen": {"provider","clearing","fee","expected_settlement"} or null,
    ///   "candidates": [{"provider","clearing","eligible","reasons": [..]}]}`.
    /// `fee` is a decimal string like every amount on the wire ("2500.00"); `expected_settlement`
    /// is "instant", "same_business_day" or the RFC 3339 WIB instant the payout is scheduled for.
    public var json: String {
        // Appended piece by piece into one buffer: `+` between pieces made a temporary string each.
        var out = ""
        out.reserveCapacity(256 + 320 * candidates.count)
        out += "{\"chosen\":"
        if let chosen {
            out += "{\"provider\":"
            out += JSONText.quoted(chosen.provider.rawValue)
            out += ",\"clearing\":"
            out += JSONText.quoted(chosen.clearing.rawValue)
            out += ",\"fee\":"
            out += JSONText.quoted(chosen.fee.decimalString)
            out += ",\"expected_settlement\":"
            out += JSONText.quoted(chosen.expectedSettlement.text)
            out += "}"
        } else {
            out += "null"
        }
        out += ",\"candidates\":["
        for (index, candidate) in candidates.enumerated() {
            if index > 0 { out += "," }
            out += "{\"provider\":"
            out += JSONText.quoted(candidate.provider.rawValue)
            out += ",\"clearing\":"
            out += JSONText.quoted(candidate.clearing.rawValue)
            out += candidate.eligible ? ",\"eligible\":true,\"reasons\":[" : ",\"eligible\":false,\"reasons\":["
            for (position, reason) in candidate.reasons.enumerated() {
                if position > 0 { out += "," }
                out += JSONText.quoted(reason)
            }
            out += "]}"
        }
        out += "]}"
        return out
    }
}
