/// What the response encoder writes into a head besides plain bytes: header text, checked
/// byte by byte against the field grammar while it is copied.
extension ByteWriter {
    /// Writes `text` when every byte satisfies `isAllowed`; writes nothing and returns false otherwise.
    /// Inlined so each call site's check is a direct (inlined) call rather than one per byte through a closure.
    @inline(__always)
    mutating func writeIfAll(_ text: String, _ isAllowed: (UInt8) -> Bool) -> Bool {
        let start = count
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where !isAllowed(byte) { return false }
            if let source = bytes.baseAddress { reserve(bytes.count).update(from: source, count: bytes.count) }
            return true
        }
        if let copied { return copied }
        for byte in text.utf8 {
            guard isAllowed(byte) else {
                rewind(to: start)
                return false
            }
            write(byte)
        }
        return true
    }

    /// Writes the bytes of `text` that satisfy `isAllowed`, dropping the others.
    mutating func writeFiltered(_ text: String, _ isAllowed: (UInt8) -> Bool) {
        for byte in text.utf8 where isAllowed(byte) { write(byte) }
    }
}
