import JSON
import Payouts

extension RouteDecision {
    /// The `routing` object of DESIGN.md (Contract), ready to store verbatim:
    /// `{"chosen": {"provider","clearing","fee","expected_settlement"} or null,
    ///   "candidates": [{"provider","clearing","eligible","reasons": [..]}]}`.
    /// `fee` is a decimal string like every amount on the wire ("2500.00"); `expected_settlement`
    /// is "instant", "same_business_day" or the RFC 3339 WIB instant the payout is scheduled for.
    public var json: String {
        // Written as bytes into one buffer and made a String once: appending String pieces went
        // through String's generic append for each of some 80 pieces.
        var out: [UInt8] = []
        out.reserveCapacity(256 + 400 * candidates.count)
        func raw(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        func quoted(_ text: String) { JSONString.append(text, to: &out) }
        raw("{\"chosen\":")
        if let chosen {
            raw("{\"provider\":")
            quoted(chosen.provider.rawValue)
            raw(",\"clearing\":")
            quoted(chosen.clearing.rawValue)
            raw(",\"fee\":")
            quoted(chosen.fee.decimalString)
            raw(",\"expected_settlement\":")
            quoted(chosen.expectedSettlement.text)
            raw("}")
        } else {
            raw("null")
        }
        raw(",\"candidates\":[")
        for (index, candidate) in candidates.enumerated() {
            if index > 0 { raw(",") }
            raw("{\"provider\":")
            quoted(candidate.provider.rawValue)
            raw(",\"clearing\":")
            quoted(candidate.clearing.rawValue)
            raw(candidate.eligible ? ",\"eligible\":true,\"reasons\":[" : ",\"eligible\":false,\"reasons\":[")
            for (position, reason) in candidate.reasons.enumerated() {
                if position > 0 { raw(",") }
                quoted(reason)
            }
            raw("]}")
        }
        raw("]}")
        return String(decoding: out, as: UTF8.self)
    }
}
