extension StringProtocol {
    /// Without leading and trailing blanks (tab and Unicode category Zs, the set Foundation calls
    /// `CharacterSet.whitespaces`), for header values and comma-separated lists.
    var trimmingSpaces: String {
        let scalars = String(self).unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
