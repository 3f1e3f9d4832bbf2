/// Byte classes of the HTTP grammar, as pure functions cheap enough to call per byte.
enum ByteClass {
    static var cr: UInt8 { UInt8(ascii: "\r") }
    static var lf: UInt8 { UInt8(ascii: "\n") }
    static var space: UInt8 { UInt8(ascii: " ") }
    static var tab: UInt8 { UInt8(ascii: "\t") }
    static var colon: UInt8 { UInt8(ascii: ":") }

    /// tchar (RFC 9110 §5.6.2): DIGIT, ALPHA and ``!#$%&'*+-.^_`|~``.
    /// Bit masks rather than a table: a static table costs a lazy-initialization check per byte.
    static func isToken(_ byte: UInt8) -> Bool {
        // Bit n of the first mask is byte n, of the second byte 64 + n; tests check both against the grammar.
        switch byte {
        case 0..<64: return (0x03FF_6CFA_0000_0000 as UInt64) >> UInt64(byte) & 1 == 1
        case 64..<128: return (0x57FF_FFFF_C7FF_FFFE as UInt64) >> UInt64(byte &- 64) & 1 == 1
        default: return false
        }
    }

    /// Bytes allowed inside a field value (RFC 9110 §5.5): VCHAR, obs-text, SP and HTAB.
    static func isFieldValue(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == tab
    }

    /// Bytes allowed in a request-target: visible ASCII only, so no CTL, no SP, no raw non-ASCII (RFC 3986 §2).
    static func isTarget(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    /// Optional whitespace (RFC 9110 §5.6.3).
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// The value of a hex digit, or nil.
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte &- UInt8(ascii: "a")) &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte &- UInt8(ascii: "A")) &+ 10
        default: nil
        }
    }

    /// ASCII lowercase; header names are tokens, so ASCII folding is enough (RFC 9110 §5.1).
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
