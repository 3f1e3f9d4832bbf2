/// An incremental HTTP/1.1 request parser (RFC 9112): bytes in, requests out, no I/O.
///
/// It consumes complete lines and body bytes as they arrive, so the caller only ever keeps
/// one unfinished line (bounded by the limits) plus whatever follows it. A call that returns
/// no event has used every complete unit it was given and needs more bytes. After a thrown
/// error the connection's framing is lost: every later call throws the same error.
public struct HTTPRequestParser: Sendable {
    /// Empty lines tolerated before a request line (RFC 9112 §2.2), for clients that send
    /// an extra CRLF after a body; bounded so a stream of CRLFs cannot keep a connection busy.
    static let leadingEmptyLinesMax = 8

    /// Bytes of one chunk-size line, CRLF included: 16 hex digits leave ample room for extensions.
    static let chunkLineBytesMax = 1024

    let limits: HTTPLimits
    var state = State.requestLine
    var failure: HTTPParseError?

    /// Bytes of the unfinished line already searched for LF, so small reads are not rescanned.
    var scanned = 0
    var emptyLines = 0
    /// Bytes of the head so far; reused for the trailer section, which has its own budget.
    var headBytes = 0
    /// Field lines so far in the head, or in the trailer section.
    var fieldCount = 0
    var extensionBytes = 0

    var method = HTTPMethod.get
    var target = ""
    /// Path and query, from the bytes; for absolute-form those of its origin-form (RFC 9112 §3.2.2), so routing sees a path.
    var path = ""
    var query: String?
    var minorVersion = 1
    var headers = HTTPHeaders()
    var facts = FramingFacts()
    var body: [UInt8] = []

    /// Where the parser is in the message (RFC 9112 §2.1 and §7.1).
    enum State: Sendable {
        case requestLine
        case fieldLine
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerLine
    }

    /// What one step did with the bytes at the cursor.
    enum Step {
        case needMore
        case consumed(Int)
        case event(consumed: Int, HTTPParseEvent)
    }

    /// A parser ready for the first request of a connection.
    public init(limits: HTTPLimits) {
        self.limits = limits
    }

    /// True once a request's head has begun to be consumed, until the request is returned.
    /// An unfinished request line is never consumed: the caller still holds those bytes.
    public var isInsideMessage: Bool {
        if case .requestLine = state { false } else { true }
    }

    /// Consumes a prefix of `bytes`. Returns how many bytes were consumed and at most one event.
    /// The caller keeps the unconsumed rest and calls again (with more bytes appended) after handling the event.
    /// `.expectContinue` is returned once, after a valid head with `Expect: 100-continue` whose declared body is
    /// within limits, before any body byte is consumed; the parser then continues with the body on the next call.
    /// After `.request`, the parser is ready for the next pipelined request.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> (consumed: Int, event: HTTPParseEvent?) {
        if let failure { throw failure }
        var cursor = 0
        do throws(HTTPParseError) {
            while true {
                switch try step(bytes, at: cursor) {
                case .needMore:
                    return (cursor, nil)
                case .consumed(let count):
                    cursor += count
                case .event(let count, let event):
                    return (cursor + count, event)
                }
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Every step that returns `.consumed` consumes at least one byte, so `parse` always ends.
    mutating func step(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPParseError) -> Step {
        switch state {
        case .requestLine:
            return try readRequestLine(bytes, at: start)
        case .fieldLine:
            return try readFieldLine(bytes, at: start, isTrailer: false)
        case .fixedBody(let remaining):
            return readFixedBody(bytes, at: start, remaining: remaining)
        case .chunkSizeLine:
            return try readChunkSizeLine(bytes, at: start)
        case .chunkData(let remaining):
            return readChunkData(bytes, at: start, remaining: remaining)
        case .chunkDataEnd:
            return try readChunkDataEnd(bytes, at: start)
        case .trailerLine:
            return try readFieldLine(bytes, at: start, isTrailer: true)
        }
    }

    /// Finds the CRLF ending the line at `start` within `max` bytes (CRLF included) and returns
    /// the index of its CR, or nil when more bytes are needed. Only CRLF ends a line: a bare LF
    /// is refused rather than tolerated (RFC 9112 §2.2 allows either), since peers that disagree
    /// on line endings are a request smuggling vector.
    mutating func findLineEnd(_ bytes: UnsafeRawBufferPointer, at start: Int, max: Int,
                              tooLong: HTTPParseError) throws(HTTPParseError) -> Int? {
        let available = bytes.count - start
        let window = Swift.min(available, Swift.max(0, max))
        var index = start + Swift.min(scanned, window)
        let stop = start + window
        while index < stop {
            if bytes[index] == ByteClass.lf {
                scanned = 0
                guard index > start, bytes[index - 1] == ByteClass.cr else {
                    throw .badRequest("line ends with a bare LF")
                }
                return index - 1
            }
            index += 1
        }
        // No LF within the limit: once the limit's worth of bytes is here, the line can only be longer.
        if available > 0, available >= max { throw tooLong }
        scanned = index - start
        return nil
    }

    /// Builds the finished request and readies the parser for the next one on the connection.
    mutating func completeRequest() -> HTTPRequest {
        let request = HTTPRequest(method: method, target: target, path: path, query: query,
                                  minorVersion: minorVersion, headers: headers, body: body)
        state = .requestLine
        emptyLines = 0
        headBytes = 0
        fieldCount = 0
        extensionBytes = 0
        headers = HTTPHeaders()
        facts = FramingFacts()
        body = []
        return request
    }

    /// A String from a byte range, decoded once; ranges were validated as ASCII or field bytes.
    static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
