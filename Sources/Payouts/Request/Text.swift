// Small text checks shared by validation; the standard library has no trimming without Foundation.

extension String {
    /// Without leading and trailing whitespace (Unicode `White_Space`, newlines included).
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    /// Whether every character is an ASCII digit.
    var isASCIIDigits: Bool {
        !isEmpty && utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Whether every character is ASCII and passes `allowed`.
    func isASCII(allowing allowed: (UInt8) -> Bool) -> Bool {
        utf8.allSatisfy { $0 < 0x80 && allowed($0) }
    }

    /// Whether nothing is a control, format, private-use, surrogate or unassigned scalar.
    var isPrintable: Bool {
        unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .privateUse, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator:
                false
            default:
                true
            }
        }
    }
}

extension UInt8 {
    /// ASCII letter or digit.
    var isASCIIAlphanumeric: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9"))
    }
}
