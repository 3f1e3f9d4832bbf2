/// How a request's body is delimited (RFC 9112 §6).
enum BodyFraming: Equatable {
    case none
    case fixed(Int)
    case chunked
}

/// What the framing-related header fields said, gathered while the head is read,
/// so the body's framing is decided once the head is complete (RFC 9112 §6.3).
struct FramingFacts: Sendable {
    var hostCount = 0
    var contentLength: Int?
    var contentLengthIsTooLarge = false
    var hasTransferEncoding = false
    var codingCount = 0
    var codingsAreChunked = true
    var expectsContinue = false

    /// Records a field if its name is one that decides framing; others are ignored.
    mutating func note(_ bytes: UnsafeRawBufferPointer, name: Range<Int>,
                       value: Range<Int>) throws(HTTPParseError) {
        switch name.count {
        case 4 where HTTPRequestParser.equalsIgnoringCase(bytes, name, "host"):
            // More than one Host is a 400 for any version (RFC 9112 §3.2).
            hostCount += 1
            guard hostCount == 1 else { throw .badRequest("more than one Host field") }
        case 6 where HTTPRequestParser.equalsIgnoringCase(bytes, name, "expect"):
            if HTTPRequestParser.equalsIgnoringCase(bytes, value, "100-continue") { expectsContinue = true }
        case 14 where HTTPRequestParser.equalsIgnoringCase(bytes, name, "content-length"):
            try noteContentLength(bytes, value)
        case 17 where HTTPRequestParser.equalsIgnoringCase(bytes, name, "transfer-encoding"):
            noteTransferCodings(bytes, value)
        default:
            break
        }
    }

    /// `Content-Length = 1*DIGIT` (RFC 9112 §6.3 item 5). Any repetition is refused, even of the
    /// same value (RFC 9110 §8.6 permits accepting that): a single unambiguous length leaves
    /// nothing for a peer to read differently.
    mutating func noteContentLength(_ bytes: UnsafeRawBufferPointer, _ value: Range<Int>) throws(HTTPParseError) {
        guard contentLength == nil, !contentLengthIsTooLarge else {
            throw .badRequest("more than one Content-Length")
        }
        guard !value.isEmpty else { throw .badRequest("invalid Content-Length") }
        var length = 0
        var overflowed = false
        for index in value {
            guard let digit = HTTPRequestParser.decimalDigit(bytes[index]) else {
                throw .badRequest("invalid Content-Length")
            }
            let (times10, o1) = length.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(digit)
            overflowed = overflowed || o1 || o2
            length = overflowed ? 0 : sum
        }
        if overflowed { contentLengthIsTooLarge = true } else { contentLength = length }
    }

    /// Counts the codings of a `Transfer-Encoding` list (RFC 9112 §6.1), skipping empty elements
    /// (RFC 9110 §5.6.1); only the single coding `chunked` is supported.
    mutating func noteTransferCodings(_ bytes: UnsafeRawBufferPointer, _ value: Range<Int>) {
        hasTransferEncoding = true
        var elementStart = value.lowerBound
        for index in value.lowerBound...value.upperBound
        where index == value.upperBound || bytes[index] == UInt8(ascii: ",") {
            var start = elementStart
            var end = index
            while start < end, ByteClass.isWhitespace(bytes[start]) { start += 1 }
            while end > start, ByteClass.isWhitespace(bytes[end - 1]) { end -= 1 }
            elementStart = index + 1
            guard start < end else { continue }
            codingCount += 1
            if !HTTPRequestParser.equalsIgnoringCase(bytes, start..<end, "chunked") { codingsAreChunked = false }
        }
    }

    /// The body's framing, or why the head cannot be trusted to delimit one (RFC 9112 §6.3).
    func framing(minorVersion: Int, bodyBytesMax: Int) throws(HTTPParseError) -> BodyFraming {
        if minorVersion == 1, hostCount == 0 { throw .badRequest("missing Host field") }
        let hasContentLength = contentLength != nil || contentLengthIsTooLarge
        if hasTransferEncoding {
            // Both headers is the classic smuggling setup: refuse rather than pick one (RFC 9112 §6.3 item 3).
            guard !hasContentLength else { throw .badRequest("both Transfer-Encoding and Content-Length") }
            // An HTTP/1.0 message with Transfer-Encoding has faulty framing (RFC 9112 §6.1).
            guard minorVersion == 1 else { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            guard codingCount == 1, codingsAreChunked else { throw .unsupportedTransferEncoding }
            return .chunked
        }
        guard hasContentLength else { return .none }
        guard !contentLengthIsTooLarge, let contentLength, contentLength <= bodyBytesMax else {
            throw .payloadTooLarge
        }
        return .fixed(contentLength)
    }
}
