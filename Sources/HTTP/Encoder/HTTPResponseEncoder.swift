/// Serializes a response into one write-ready buffer: status line, fields and body together,
/// so the server can send it with a single write.
public enum HTTPResponseEncoder {
    /// The interim response a server sends after `.expectContinue` (RFC 9110 §15.2.1).
    public static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends the status line, the response's headers, `Date`, `Content-Length` (omitted for 1xx/204/304),
    /// `Connection: close` when `!keepAlive`, `Connection: keep-alive` when keeping an HTTP/1.0
    /// connection open (`requestMinorVersion == 0`, RFC 9112 §9.3), and the body unless `isHead`.
    ///
    /// The encoder owns framing: the response's own `Content-Length`, `Transfer-Encoding` and `Date`
    /// are dropped, as is its `Connection` when closing, and so is any field whose name is not a
    /// token or whose value holds CR, LF or another control byte (response splitting, RFC 9112 §2.2).
    /// 1xx, 204 and 304 responses carry no content, so their body is never written (RFC 9110 §6.4.1).
    public static func encode(_ response: HTTPResponse, date: String, keepAlive: Bool, isHead: Bool,
                              requestMinorVersion: Int = 1, into buffer: inout [UInt8]) {
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
        buffer.append(contentsOf: response.status.reason.utf8.lazy.filter(ByteClass.isFieldValue))
        append("\r\n", to: &buffer)

        var hasConnection = false
        for field in response.headers where isWritable(field, keepAlive: keepAlive) {
            hasConnection = hasConnection
                || (field.name.utf8.count == 10 && HTTPHeaders.equalsIgnoringCase(field.name, "Connection"))
            buffer.append(contentsOf: field.name.utf8)
            append(": ", to: &buffer)
            buffer.append(contentsOf: field.value.utf8)
            append("\r\n", to: &buffer)
        }
        if isSafeValue(date) {
            append("Date: ", to: &buffer)
            buffer.append(contentsOf: date.utf8)
            append("\r\n", to: &buffer)
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

    /// Whether a caller-supplied field may be written as is.
    static func isWritable(_ field: (name: String, value: String), keepAlive: Bool) -> Bool {
        guard !field.name.isEmpty, field.name.utf8.allSatisfy(ByteClass.isToken), isSafeValue(field.value) else {
            return false
        }
        switch field.name.utf8.count {
        case 4: return !HTTPHeaders.equalsIgnoringCase(field.name, "Date")
        case 10: return keepAlive || !HTTPHeaders.equalsIgnoringCase(field.name, "Connection")
        case 14: return !HTTPHeaders.equalsIgnoringCase(field.name, "Content-Length")
        case 17: return !HTTPHeaders.equalsIgnoringCase(field.name, "Transfer-Encoding")
        default: return true
        }
    }

    /// A field value without CR, LF or other control bytes (RFC 9110 §5.5).
    static func isSafeValue(_ value: String) -> Bool {
        value.utf8.allSatisfy(ByteClass.isFieldValue)
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
