/// Serializes a response into one write-ready buffer: status line, fields and body together,
/// so the server can send it with a single write.
public enum HTTPResponseEncoder {
    /// The interim response a server sends after `.expectContinue` (RFC 9110 §15.2.1).
    public static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends the status line, the response's headers, `Date`, `Content-Length` (omitted for 1xx/204/304),
    /// `Connection: close` when `!keepAlive`, `Connection: keep-alive` when keeping an HTTP/1.0
    /// connection open (`requestMinorVersion == 0`, RFC 9112 §9.3), and the body unless `isHead`.
    /// `field`, when given, goes after the response's own fields and replaces any of the same name,
    /// as `headers.set` would have put it, without copying the headers.
    ///
    /// The encoder owns framing: the response's own `Content-Length`, `Transfer-Encoding` and `Date`
    /// are dropped, as is its `Connection` when closing, and so is any field whose name is not a
    /// token or whose value holds CR, LF or another control byte (response splitting, RFC 9112 §2.2).
    /// 1xx, 204 and 304 responses carry no content, so their body is never written (RFC 9110 §6.4.1).
    public static func encode(_ response: HTTPResponse, date: String, keepAlive: Bool, isHead: Bool,
                              requestMinorVersion: Int = 1, setting field: (name: String, value: String)? = nil,
                              into buffer: inout [UInt8]) {
        let code = response.status.code
        precondition((100...999).contains(code), "a status code has three digits (RFC 9110 §15)")
        let hasContent = !((100...199).contains(code) || code == 204 || code == 304)
        let writesBody = hasContent && !isHead
        buffer.reserveCapacity(buffer.count + 160 + 48 * response.headers.count
                               + (writesBody ? response.body.count : 0))

        // A server sends its own highest version even to an HTTP/1.0 client (RFC 9110 §6.2).
        append("HTTP/1.1 ", to: &buffer)
        appendDecimal(code, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        if !appendIfAll(response.status.reason, ByteClass.isFieldValue, to: &buffer) {
            buffer.append(contentsOf: response.status.reason.utf8.lazy.filter(ByteClass.isFieldValue))
        }
        append("\r\n", to: &buffer)

        var hasConnection = false
        for own in response.headers {
            if let field, HTTPHeaders.equalsIgnoringCase(own.name, field.name) { continue }
            hasConnection = appendField(own, keepAlive: keepAlive, to: &buffer) || hasConnection
        }
        if let field { hasConnection = appendField(field, keepAlive: keepAlive, to: &buffer) || hasConnection }
        let dateStart = buffer.count
        append("Date: ", to: &buffer)
        if appendIfAll(date, ByteClass.isFieldValue, to: &buffer) {
            append("\r\n", to: &buffer)
        } else {
            buffer.removeLast(buffer.count - dateStart)
        }
        let isChunked = hasContent && response.bodyStream != nil && requestMinorVersion >= 1
        if isChunked {
            // The length is unknown until the stream ends (RFC 9112 §7.1).
            append("Transfer-Encoding: chunked\r\n", to: &buffer)
        } else if hasContent && response.bodyStream == nil {
            // For HEAD, the length the body would have had (RFC 9110 §8.6).
            append("Content-Length: ", to: &buffer)
            appendDecimal(response.body.count, to: &buffer)
            append("\r\n", to: &buffer)
        }
        if !keepAlive {
            append("Connection: close\r\n", to: &buffer)
        } else if requestMinorVersion == 0, !hasConnection {
            append("Connection: keep-alive\r\n", to: &buffer)
        }
        append("\r\n", to: &buffer)
        if writesBody && response.bodyStream == nil { buffer.append(contentsOf: response.body) }
    }

    /// Appends one chunk of a streamed body (RFC 9112 §7.1); an empty piece writes nothing.
    public static func encodeChunk(_ piece: [UInt8], into buffer: inout [UInt8]) {
        guard !piece.isEmpty else { return }
        buffer.append(contentsOf: String(piece.count, radix: 16).utf8)
        append("\r\n", to: &buffer)
        buffer.append(contentsOf: piece)
        append("\r\n", to: &buffer)
    }

    /// The last chunk, with no trailer fields.
    public static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    /// Appends a caller-supplied field if it may be written as is (a token name, a safe value, not
    /// a framing field), checking its bytes as they are copied. Returns whether it was a `Connection` field that was written.
    static func appendField(_ field: (name: String, value: String), keepAlive: Bool, to buffer: inout [UInt8]) -> Bool {
        guard !field.name.isEmpty, isOwnedByCaller(field.name, keepAlive: keepAlive) else { return false }
        let start = buffer.count
        guard appendIfAll(field.name, ByteClass.isToken, to: &buffer) else { return false }
        append(": ", to: &buffer)
        guard appendIfAll(field.value, ByteClass.isFieldValue, to: &buffer) else {
            buffer.removeLast(buffer.count - start)
            return false
        }
        append("\r\n", to: &buffer)
        return field.name.utf8.count == 10 && HTTPHeaders.equalsIgnoringCase(field.name, "Connection")
    }

    /// False for the framing fields the encoder writes itself.
    static func isOwnedByCaller(_ name: String, keepAlive: Bool) -> Bool {
        switch name.utf8.count {
        case 4: return !HTTPHeaders.equalsIgnoringCase(name, "Date")
        case 10: return keepAlive || !HTTPHeaders.equalsIgnoringCase(name, "Connection")
        case 14: return !HTTPHeaders.equalsIgnoringCase(name, "Content-Length")
        case 17: return !HTTPHeaders.equalsIgnoringCase(name, "Transfer-Encoding")
        default: return true
        }
    }

    /// A field value without CR, LF or other control bytes (RFC 9110 §5.5).
    static func isSafeValue(_ value: String) -> Bool {
        value.utf8.allSatisfy(ByteClass.isFieldValue)
    }

    /// Appends `text` when every byte satisfies `isAllowed`, in one pass over its contiguous
    /// UTF-8; appends nothing and returns false otherwise.
    static func appendIfAll(_ text: String, _ isAllowed: (UInt8) -> Bool, to buffer: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where !isAllowed(byte) { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
    }

    static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a non-negative integer in decimal without building a String.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
