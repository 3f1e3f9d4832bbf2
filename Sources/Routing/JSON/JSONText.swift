/// Writes JSON strings by hand (RFC 8259 §7), so this room needs no Foundation.
enum JSONText {
    /// `text` as a quoted JSON string: `"` and `\` escaped, control characters as `\uXXXX`.
    static func quoted(_ text: String) -> String {
        // Most reasons need no escaping; copying them whole is several times faster.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
