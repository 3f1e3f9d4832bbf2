/// The chunked framing rules both parsers share (RFC 9112 §7.1), apart from their error types:
/// each parser turns a `Fault` into its own error with `message`.
enum ChunkFraming {
    enum Fault: Error {
        case sizeOverflow, invalidSize, invalidExtension, missingCRLF

        var message: String {
            switch self {
            case .sizeOverflow: "chunk size overflow"
            case .invalidSize: "invalid chunk size"
            case .invalidExtension: "invalid character in chunk extension"
            case .missingCRLF: "chunk data not followed by CRLF"
            }
        }
    }

    /// The size of `chunk-size [ chunk-ext ]` in `line` (without its CRLF) and the bytes of its
    /// extensions. Extensions are ignored but must start with `;` and hold field-value bytes,
    /// which is enough to refuse garbage sizes like `5x`.
    static func sizeLine(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) throws(Fault) -> (size: Int, extensionBytes: Int) {
        var index = line.lowerBound
        var size = 0
        while index < line.upperBound, let digit = ByteClass.hexValue(bytes[index]) {
            let (times16, o1) = size.multipliedReportingOverflow(by: 16)
            let (sum, o2) = times16.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw .sizeOverflow }
            size = sum
            index += 1
        }
        guard index > line.lowerBound else { throw .invalidSize }
        let extensions = index..<line.upperBound
        guard !extensions.isEmpty else { return (size, 0) }
        while index < line.upperBound, ByteClass.isWhitespace(bytes[index]) { index += 1 }
        guard index < line.upperBound, bytes[index] == UInt8(ascii: ";") else { throw .invalidSize }
        for offset in extensions where !ByteClass.isFieldValue(bytes[offset]) { throw .invalidExtension }
        return (size, extensions.count)
    }

    /// Whether the CRLF after chunk data is complete (false: wait for more). The first byte is
    /// judged as soon as it arrives, so the result does not depend on how reads were split.
    static func dataEnd(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(Fault) -> Bool {
        let available = bytes.count - start
        guard available > 0 else { return false }
        guard bytes[start] == ByteClass.cr else { throw .missingCRLF }
        guard available > 1 else { return false }
        guard bytes[start + 1] == ByteClass.lf else { throw .missingCRLF }
        return true
    }
}
