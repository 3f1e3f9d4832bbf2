/// JSON strings written by hand (RFC 8259 §7) for the hot paths: logs, health answers, stored
/// routing decisions, response bodies.
public enum JSONString {
    /// Appends `text` quoted: `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or
    /// `\u00XX`. Bytes at or above 0x80 belong to valid scalars and are copied as they are.
    public static func append(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        // Most values (routes, ids, codes, reasons) need no escaping: copy them whole.
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: needsEscape) else { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            buffer.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): buffer.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): buffer.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): buffer.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): buffer.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                buffer.append(contentsOf: #"\u00"#.utf8)
                buffer.append(hex.utf8Start[Int(byte >> 4)])
                buffer.append(hex.utf8Start[Int(byte & 0xF)])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Whether a byte of a string must be escaped inside JSON quotes.
    public static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
