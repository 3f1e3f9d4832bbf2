extension HTTPResponseParser {
    /// `status-line = HTTP-version SP status-code SP [ reason-phrase ]` (RFC 9112 §4). A missing
    /// SP after the code is tolerated: the reason phrase carries no meaning for a client.
    mutating func readStatusLine(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPResponseParseError) -> Step {
        guard let end = try findLineEnd(bytes, at: start, max: limits.requestLineBytesMax, tooLong: .headTooLarge) else {
            return .needMore
        }
        let line = start..<end
        guard line.count >= 12, HTTPRequestParser.equals(bytes, start..<start + 5, "HTTP/"),
              bytes[start + 6] == UInt8(ascii: "."), bytes[start + 8] == ByteClass.space,
              let major = HTTPRequestParser.decimalDigit(bytes[start + 5]),
              let minor = HTTPRequestParser.decimalDigit(bytes[start + 7]) else {
            throw .malformed("invalid status line")
        }
        guard major == 1, minor <= 1 else { throw .versionNotSupported }
        var code = 0
        for index in start + 9..<start + 12 {
            guard let digit = HTTPRequestParser.decimalDigit(bytes[index]) else { throw .malformed("invalid status code") }
            code = code * 10 + digit
        }
        guard code >= 100 else { throw .malformed("invalid status code") }
        var reason = ""
        if line.count > 12 {
            guard bytes[start + 12] == ByteClass.space else { throw .malformed("invalid status line") }
            let reasonRange = start + 13..<end
            for index in reasonRange where !ByteClass.isFieldValue(bytes[index]) {
                throw .malformed("invalid character in reason phrase")
            }
            reason = Self.string(bytes, reasonRange)
        }
        minorVersion = minor
        status = HTTPStatus(code, reason)
        headBytes = line.count + 2
        state = .fieldLine
        return .consumed(line.count + 2)
    }

    /// Reads one field line of the head or the trailer section, or the empty line ending it
    /// (RFC 9112 §5). Trailer fields are checked and dropped, as the request parser does.
    mutating func readFieldLine(_ bytes: UnsafeRawBufferPointer, at start: Int,
                                isTrailer: Bool) throws(HTTPResponseParseError) -> Step {
        guard let end = try findLineEnd(bytes, at: start, max: limits.headerBytesMax - headBytes,
                                        tooLong: .headTooLarge) else {
            return .needMore
        }
        let length = end + 2 - start
        headBytes += length
        if end == start {
            if isTrailer {
                state = .complete
                return .response(consumed: length)
            }
            return try finishHead(consumed: length)
        }
        fieldCount += 1
        guard fieldCount <= limits.headerCountMax else { throw .headTooLarge }
        let name: Range<Int>
        let value: Range<Int>
        do {
            (name, value) = try HTTPRequestParser.splitField(bytes, start..<end)
        } catch {
            throw .malformed(Self.reason(of: error))
        }
        if !isTrailer {
            try note(bytes, name: name, value: value)
            headers.add(Self.string(bytes, name), Self.string(bytes, value))
        }
        return .consumed(length)
    }

    /// Records the fields that decide framing (RFC 9112 §6.3).
    mutating func note(_ bytes: UnsafeRawBufferPointer, name: Range<Int>, value: Range<Int>) throws(HTTPResponseParseError) {
        switch name.count {
        case 14 where HTTPRequestParser.equalsIgnoringCase(bytes, name, "content-length"):
            do {
                try facts.noteContentLength(bytes, value)
            } catch {
                throw .malformed(Self.reason(of: error))
            }
        case 17 where HTTPRequestParser.equalsIgnoringCase(bytes, name, "transfer-encoding"):
            facts.noteTransferCodings(bytes, value)
        default:
            break
        }
    }

    /// Decides the body's framing once the head is complete (RFC 9112 §6.3), skipping interim responses.
    mutating func finishHead(consumed length: Int) throws(HTTPResponseParseError) -> Step {
        let code = status.code
        if (100...199).contains(code) {
            // We never ask to upgrade, so a 101 cannot be a valid answer (RFC 9110 §15.2.2).
            guard code != 101 else { throw .malformed("unexpected 101 Switching Protocols") }
            interimCount += 1
            guard interimCount <= Self.interimResponsesMax else { throw .malformed("too many interim responses") }
            resetHead()
            return .consumed(length)
        }
        // Items 1 of RFC 9112 §6.3: HEAD, 204 and 304 answers end after the head.
        if isHeadRequest || code == 204 || code == 304 {
            state = .complete
            return .response(consumed: length)
        }
        let hasContentLength = facts.contentLength != nil || facts.contentLengthIsTooLarge
        if facts.hasTransferEncoding {
            // RFC 9112 §6.3 item 3 lets Transfer-Encoding win, but both at once is how responses
            // are smuggled past intermediaries: refuse rather than guess.
            guard !hasContentLength else { throw .malformed("both Transfer-Encoding and Content-Length") }
            guard minorVersion == 1 else { throw .malformed("Transfer-Encoding in an HTTP/1.0 response") }
            guard facts.codingCount == 1, facts.codingsAreChunked else { throw .unsupportedTransferEncoding }
            state = .chunkSizeLine
            return .consumed(length)
        }
        if hasContentLength {
            guard !facts.contentLengthIsTooLarge, let contentLength = facts.contentLength,
                  contentLength <= limits.bodyBytesMax else {
                throw .bodyTooLarge
            }
            if contentLength == 0 {
                state = .complete
                return .response(consumed: length)
            }
            state = .fixedBody(remaining: contentLength)
            return .consumed(length)
        }
        // No framing fields: the body runs until the server closes (RFC 9112 §6.3 item 8).
        delimitedByClose = true
        state = .untilClose
        return .consumed(length)
    }

    /// Forgets an interim response's head before reading the next status line.
    mutating func resetHead() {
        state = .statusLine
        headBytes = 0
        fieldCount = 0
        headers = HTTPHeaders()
        facts = FramingFacts()
    }

    /// The fixed reason text of a shared-parser error, without the request-side status code.
    static func reason(of error: HTTPParseError) -> String {
        switch error {
        case .badRequest(let reason): reason
        default: error.description
        }
    }
}
