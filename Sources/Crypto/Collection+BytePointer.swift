extension Collection<UInt8> {
    /// Lends the bytes to a C call as a pointer and a length.
    ///
    /// Arrays, slices and native strings' UTF-8 views are already contiguous, so they are lent
    /// in place; only other collections are copied. The pointer is never nil, even when empty,
    /// because some OpenSSL calls treat a null key as "no key" rather than "empty key".
    func withBytePointer<Result>(_ body: (UnsafePointer<UInt8>, Int) -> Result) -> Result {
        if isEmpty {
            var placeholder: UInt8 = 0
            return withUnsafePointer(to: &placeholder) { body($0, 0) }
        }
        let lent = withContiguousStorageIfAvailable { buffer in
            body(buffer.baseAddress!, buffer.count)
        }
        if let lent { return lent }
        return Array(self).withUnsafeBufferPointer { buffer in
            body(buffer.baseAddress!, buffer.count)
        }
    }
}
