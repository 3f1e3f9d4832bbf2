extension HTTPRequestParser {
    /// Reads `method SP request-target SP HTTP-version CRLF` (RFC 9112 §3), skipping a few empty lines before it.
    mutating func readRequestLine(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPParseError) -> Step {
        let max = Swift.min(limits.requestLineBytesMax, limits.headerBytesMax)
        guard let end = try findLineEnd(bytes, at: start, max: max, tooLong: .requestHeaderFieldsTooLarge) else {
            return .needMore
        }
        if end == start {
            emptyLines += 1
            guard emptyLines <= Self.leadingEmptyLinesMax else {
                throw .badRequest("too many empty lines before the request line")
            }
            return .consumed(2)
        }
        try parseRequestLine(bytes, start..<end)
        headBytes = end + 2 - start
        state = .fieldLine
        return .consumed(headBytes)
    }

    /// Splits the request line on its two single spaces; anything else is a 400 (RFC 9112 §3).
    mutating func parseRequestLine(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) throws(HTTPParseError) {
        var index = line.lowerBound
        while index < line.upperBound, ByteClass.isToken(bytes[index]) { index += 1 }
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == ByteClass.space else {
            throw .badRequest("invalid method")
        }
        let methodRange = line.lowerBound..<index
        index += 1
        let targetStart = index
        while index < line.upperBound, ByteClass.isTarget(bytes[index]) { index += 1 }
        guard index < line.upperBound else { throw .badRequest("missing HTTP version") }
        guard index > targetStart, bytes[index] == ByteClass.space else {
            throw .badRequest("invalid request target")
        }
        let targetRange = targetStart..<index
        minorVersion = try Self.minorVersion(bytes, index + 1..<line.upperBound)
        let pathStart = try Self.pathStart(bytes, targetRange, isOptions: Self.equals(bytes, methodRange, "OPTIONS"))
        method = Self.knownMethod(bytes, methodRange) ?? HTTPMethod(Self.string(bytes, methodRange))
        target = Self.string(bytes, targetRange)
        if let pathStart {
            splitPathAndQuery(bytes, pathStart..<targetRange.upperBound, target: target)
        } else {
            path = target
            query = nil
        }
    }

    /// Splits at the first `?` (RFC 3986 §3.4); an empty path is "/" (RFC 9112 §3.2.1), which
    /// only absolute-form can produce.
    /// `target` is the whole target's text: when path and target are the same bytes (origin-form
    /// without a query, the usual request) the path shares it rather than being decoded again.
    mutating func splitPathAndQuery(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, target: String) {
        var question = range.lowerBound
        while question < range.upperBound, bytes[question] != UInt8(ascii: "?") { question += 1 }
        if question == range.upperBound, target.utf8.count == range.count {
            path = target
            query = nil
            return
        }
        path = question == range.lowerBound ? "/" : Self.string(bytes, range.lowerBound..<question)
        query = question == range.upperBound ? nil : Self.string(bytes, question + 1..<range.upperBound)
    }

    /// The shared value of a common method, so its token is not decoded into a new String per request.
    static func knownMethod(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> HTTPMethod? {
        switch range.count {
        case 3 where equals(bytes, range, "GET"): .get
        case 3 where equals(bytes, range, "PUT"): .put
        case 4 where equals(bytes, range, "POST"): .post
        case 4 where equals(bytes, range, "HEAD"): .head
        case 5 where equals(bytes, range, "PATCH"): .patch
        case 6 where equals(bytes, range, "DELETE"): .delete
        default: nil
        }
    }

    /// `HTTP/1.0` or `HTTP/1.1`; other well-formed versions get 505 (RFC 9112 §2.3).
    /// HTTP/1.2 and up are refused too, rather than served as 1.1, to keep framing rules to what we test.
    static func minorVersion(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) throws(HTTPParseError) -> Int {
        let s = range.lowerBound
        guard range.count == 8, equals(bytes, s..<s + 5, "HTTP/"), bytes[s + 6] == UInt8(ascii: "."),
              let major = decimalDigit(bytes[s + 5]), let minor = decimalDigit(bytes[s + 7]) else {
            throw .badRequest("invalid HTTP version")
        }
        guard major == 1, minor <= 1 else { throw .versionNotSupported }
        return minor
    }

    /// Where the path starts: the target's start in origin-form, after the authority in absolute-form
    /// (RFC 9112 §3.2), nil in asterisk-form. Authority-form is for CONNECT, which an origin server does not serve.
    static func pathStart(_ bytes: UnsafeRawBufferPointer, _ target: Range<Int>,
                          isOptions: Bool) throws(HTTPParseError) -> Int? {
        let first = bytes[target.lowerBound]
        if first == UInt8(ascii: "/") { return target.lowerBound }
        if first == UInt8(ascii: "*"), target.count == 1 {
            guard isOptions else { throw .badRequest("asterisk-form is only for OPTIONS") }
            return nil
        }
        guard let authorityStart = schemeEnd(bytes, target) else { throw .badRequest("invalid request target") }
        var index = authorityStart
        while index < target.upperBound, bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: "?") {
            index += 1
        }
        guard index > authorityStart else { throw .badRequest("invalid request target") }
        return index
    }

    /// The index after `http://` or `https://` (scheme compared case-insensitively, RFC 3986 §3.1), or nil.
    static func schemeEnd(_ bytes: UnsafeRawBufferPointer, _ target: Range<Int>) -> Int? {
        for scheme: StaticString in ["http://", "https://"] {
            let end = target.lowerBound + scheme.utf8CodeUnitCount
            if end <= target.upperBound, equalsIgnoringCase(bytes, target.lowerBound..<end, scheme) { return end }
        }
        return nil
    }

    static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte &- UInt8(ascii: "0")) : nil
    }

    /// Exact byte comparison with an ASCII literal.
    static func equals(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    /// ASCII case-insensitive comparison with a lowercase literal.
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>,
                                   _ lowercase: StaticString) -> Bool {
        guard range.count == lowercase.utf8CodeUnitCount else { return false }
        let pointer = lowercase.utf8Start
        for offset in 0..<range.count where ByteClass.lowercased(bytes[range.lowerBound + offset]) != pointer[offset] {
            return false
        }
        return true
    }
}
