extension HTTPRequestParser {
    /// Reads one field line of the head or of the trailer section, or the empty line ending it (RFC 9112 §5).
    /// Trailer fields are checked like header fields and then dropped: nothing here uses them.
    mutating func readFieldLine(_ bytes: UnsafeRawBufferPointer, at start: Int,
                                isTrailer: Bool) throws(HTTPParseError) -> Step {
        let max = limits.headerBytesMax - headBytes
        guard let end = try findLineEnd(bytes, at: start, max: max, tooLong: .requestHeaderFieldsTooLarge) else {
            return .needMore
        }
        let length = end + 2 - start
        headBytes += length
        if end == start {
            if isTrailer { return .event(consumed: length, .request(completeRequest())) }
            return try finishHead(consumed: length)
        }
        fieldCount += 1
        guard fieldCount <= limits.headerCountMax else { throw .requestHeaderFieldsTooLarge }
        let (name, value) = try Self.splitField(bytes, start..<end)
        if !isTrailer {
            try facts.note(bytes, name: name, value: value)
            if fieldCount == 1 { headers.reserveCapacity(Swift.min(limits.headerCountMax, 16)) }
            headers.add(Self.string(bytes, name), Self.string(bytes, value))
        }
        return .consumed(length)
    }

    /// Splits `field-name ":" OWS field-value OWS` (RFC 9112 §5) into name and trimmed value ranges.
    static func splitField(_ bytes: UnsafeRawBufferPointer,
                           _ line: Range<Int>) throws(HTTPParseError) -> (name: Range<Int>, value: Range<Int>) {
        // A line starting with whitespace continues the previous one: obs-fold, refused (RFC 9112 §5.2).
        guard !ByteClass.isWhitespace(bytes[line.lowerBound]) else {
            throw .badRequest("obsolete line folding")
        }
        var index = line.lowerBound
        while index < line.upperBound, ByteClass.isToken(bytes[index]) { index += 1 }
        guard index < line.upperBound, bytes[index] == ByteClass.colon else {
            // Whitespace between name and colon MUST be refused with 400 (RFC 9112 §5.1).
            if index < line.upperBound, ByteClass.isWhitespace(bytes[index]) {
                throw .badRequest("whitespace before colon in field line")
            }
            throw .badRequest("invalid field name")
        }
        guard index > line.lowerBound else { throw .badRequest("empty field name") }
        let name = line.lowerBound..<index
        var valueStart = index + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd, ByteClass.isWhitespace(bytes[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, ByteClass.isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
        for offset in valueStart..<valueEnd where !ByteClass.isFieldValue(bytes[offset]) {
            // Includes a bare CR (RFC 9112 §2.2) and NUL (RFC 9110 §5.5).
            throw .badRequest(bytes[offset] == ByteClass.cr ? "bare CR in field value" : "invalid character in field value")
        }
        return (name, valueStart..<valueEnd)
    }

    /// Decides the body's framing once the head is complete (RFC 9112 §6.3).
    mutating func finishHead(consumed length: Int) throws(HTTPParseError) -> Step {
        switch try facts.framing(minorVersion: minorVersion, bodyBytesMax: limits.bodyBytesMax) {
        case .none, .fixed(0):
            return .event(consumed: length, .request(completeRequest()))
        case .fixed(let count):
            state = .fixedBody(remaining: count)
        case .chunked:
            state = .chunkSizeLine
        }
        // HTTP/1.0 clients cannot have meant 100-continue (RFC 9110 §10.1.1).
        if facts.expectsContinue, minorVersion == 1 {
            return .event(consumed: length, .expectContinue)
        }
        return .consumed(length)
    }
}
