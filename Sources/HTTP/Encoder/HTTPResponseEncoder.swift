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
        let writesBody = hasContent && !isHead && response.bodyStream == nil
        var headBytesMax = Self.fixedHeadBytesMax + response.status.reason.utf8.count + date.utf8.count
        for own in response.headers { headBytesMax += own.name.utf8.count + own.value.utf8.count + 4 }
        if let field { headBytesMax += field.name.utf8.count + field.value.utf8.count + 4 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: headBytesMax) { memory in
            var head = ByteWriter(memory)
            writeHead(response, code: code, hasContent: hasContent, date: date, keepAlive: keepAlive,
                      requestMinorVersion: requestMinorVersion, setting: field, to: &head)
            buffer.reserveCapacity(buffer.count + head.count + (writesBody ? response.body.count : 0))
            buffer.append(contentsOf: head.written)
        }
        if writesBody { buffer.append(contentsOf: response.body) }
    }

    /// Room for the status line's and framing fields' fixed parts: the version, code and
    /// separators, `Date: ` and its CRLF, `Content-Length:` with 20 digits or `Transfer-Encoding`,
    /// `Connection`, and the empty line.
    static let fixedHeadBytesMax = 128

    private static func writeHead(_ response: HTTPResponse, code: Int, hasContent: Bool, date: String, keepAlive: Bool,
                                  requestMinorVersion: Int, setting field: (name: String, value: String)?,
                                  to head: inout ByteWriter) {
        // A server sends its own highest version even to an HTTP/1.0 client (RFC 9110 §6.2).
        head.write("HTTP/1.1 ")
        head.writeDecimal(UInt(code))
        head.write(UInt8(ascii: " "))
        if !head.writeIfAll(response.status.reason, ByteClass.isFieldValue) {
            head.writeFiltered(response.status.reason, ByteClass.isFieldValue)
        }
        head.write("\r\n")

        var hasConnection = false
        for own in response.headers {
            if let field, HTTPHeaders.equalsIgnoringCase(own.name, field.name) { continue }
            hasConnection = writeField(own, keepAlive: keepAlive, to: &head) || hasConnection
        }
        if let field { hasConnection = writeField(field, keepAlive: keepAlive, to: &head) || hasConnection }
        let dateStart = head.count
        head.write("Date: ")
        if head.writeIfAll(date, ByteClass.isFieldValue) {
            head.write("\r\n")
        } else {
            head.rewind(to: dateStart)
        }
        let isChunked = hasContent && response.bodyStream != nil && requestMinorVersion >= 1
        if isChunked {
            // The length is unknown until the stream ends (RFC 9112 §7.1).
            head.write("Transfer-Encoding: chunked\r\n")
        } else if hasContent && response.bodyStream == nil {
            // For HEAD, the length the body would have had (RFC 9110 §8.6).
            head.write("Content-Length: ")
            head.writeDecimal(UInt(response.body.count))
            head.write("\r\n")
        }
        if !keepAlive {
            head.write("Connection: close\r\n")
        } else if requestMinorVersion == 0, !hasConnection {
            head.write("Connection: keep-alive\r\n")
        }
        head.write("\r\n")
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

    /// Writes a caller-supplied field if it may be written as is (a token name, a safe value, not
    /// a framing field), checking its bytes as they are copied. Returns whether it was a
    /// `Connection` field that was written.
    static func writeField(_ field: (name: String, value: String), keepAlive: Bool, to head: inout ByteWriter) -> Bool {
        guard !field.name.isEmpty, isOwnedByCaller(field.name, keepAlive: keepAlive) else { return false }
        let start = head.count
        guard head.writeIfAll(field.name, ByteClass.isToken) else { return false }
        head.write(": ")
        guard head.writeIfAll(field.value, ByteClass.isFieldValue) else {
            head.rewind(to: start)
            return false
        }
        head.write("\r\n")
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
