/// An incremental HTTP/1.1 response parser (RFC 9112) for one exchange: bytes in, one final
/// response out, no I/O.
///
/// Like `HTTPRequestParser`, it consumes complete lines and body bytes as they arrive and the
/// caller keeps the unconsumed rest. Interim 1xx responses are read and dropped (RFC 9110 §15.2).
/// When the body runs until the connection closes (RFC 9112 §6.3 item 8), call `finish()` at
/// end of stream. After a thrown error every later call throws the same error.
public struct HTTPResponseParser: Sendable {
    /// Interim responses tolerated before the final one, so a peer cannot stream 1xx forever.
    static let interimResponsesMax = 8
    /// Bytes of one chunk-size line, CRLF included.
    static let chunkLineBytesMax = 1024

    let limits: HTTPLimits
    /// Answers to HEAD never carry content, whatever their fields say (RFC 9110 §9.3.2).
    let isHeadRequest: Bool
    var state = State.statusLine
    var failure: HTTPResponseParseError?

    /// Bytes of the unfinished line already searched for LF.
    var scanned = 0
    var headBytes = 0
    var fieldCount = 0
    var interimCount = 0
    var extensionBytes = 0

    var status = HTTPStatus.ok
    var minorVersion = 1
    var headers = HTTPHeaders()
    var facts = FramingFacts()
    var body: [UInt8] = []
    /// Set when the body runs until the connection closes, which also ends the connection.
    var delimitedByClose = false

    /// Bytes consumed so far across calls: nonzero means the server has started answering.
    public private(set) var consumedBytes = 0

    /// Where the parser is in the message (RFC 9112 §2.1 and §7.1).
    enum State: Sendable, Equatable {
        case statusLine
        case fieldLine
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerLine
        case untilClose
        case complete
    }

    /// What one step did with the bytes at the cursor.
    enum Step {
        case needMore
        case consumed(Int)
        case response(consumed: Int)
    }

    /// A parser for the answer to a request sent with `requestMethod`; `limits.requestLineBytesMax`
    /// bounds the status line, `headerBytesMax` and `headerCountMax` the head, `bodyBytesMax` the body.
    public init(limits: HTTPLimits, requestMethod: HTTPMethod) {
        self.limits = limits
        self.isHeadRequest = requestMethod == .head
    }

    /// True once the final response is complete.
    public var isComplete: Bool { state == .complete }

    /// The final response's status and fields once its head is read (its body may still be
    /// coming, and is left out); nil before, and while only interim (1xx) heads have come.
    public var finalHead: HTTPResponse? {
        switch state {
        case .fixedBody, .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerLine, .untilClose, .complete:
            HTTPResponse(status: status, headers: headers)
        case .statusLine, .fieldLine:
            nil
        }
    }

    /// Consumes a prefix of `bytes` and returns how many bytes it used and, once complete, the
    /// final response. Bytes after a complete response are not consumed.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(HTTPResponseParseError) -> (consumed: Int, response: ReceivedResponse?) {
        if let failure { throw failure }
        var cursor = 0
        do throws(HTTPResponseParseError) {
            while state != .complete {
                switch try step(bytes, at: cursor) {
                case .needMore:
                    consumedBytes += cursor
                    return (cursor, nil)
                case .consumed(let count):
                    cursor += count
                case .response(let count):
                    consumedBytes += cursor + count
                    return (cursor + count, makeResponse())
                }
            }
            return (0, nil)
        } catch {
            failure = error
            throw error
        }
    }

    /// Called when the peer closed the connection: completes a body delimited by the close,
    /// otherwise throws `.incomplete` (RFC 9112 §8: a message cut short is incomplete).
    public mutating func finish() throws(HTTPResponseParseError) -> ReceivedResponse {
        if let failure { throw failure }
        guard state == .untilClose else {
            failure = .incomplete
            throw .incomplete
        }
        state = .complete
        return makeResponse()
    }

    mutating func step(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPResponseParseError) -> Step {
        switch state {
        case .statusLine: try readStatusLine(bytes, at: start)
        case .fieldLine: try readFieldLine(bytes, at: start, isTrailer: false)
        case .fixedBody(let remaining): readFixedBody(bytes, at: start, remaining: remaining)
        case .chunkSizeLine: try readChunkSizeLine(bytes, at: start)
        case .chunkData(let remaining): readChunkData(bytes, at: start, remaining: remaining)
        case .chunkDataEnd: try readChunkDataEnd(bytes, at: start)
        case .trailerLine: try readFieldLine(bytes, at: start, isTrailer: true)
        case .untilClose: try readUntilClose(bytes, at: start)
        case .complete: .needMore
        }
    }

    /// Finds the CRLF ending the line at `start` within `max` bytes and returns the index of its
    /// CR, or nil when more bytes are needed. A bare LF is refused, as in the request parser:
    /// disagreeing on line endings is how framing gets confused (RFC 9112 §2.2).
    mutating func findLineEnd(_ bytes: UnsafeRawBufferPointer, at start: Int, max: Int,
                              tooLong: HTTPResponseParseError) throws(HTTPResponseParseError) -> Int? {
        let available = bytes.count - start
        let window = Swift.min(available, Swift.max(0, max))
        var index = start + Swift.min(scanned, window)
        while index < start + window {
            if bytes[index] == ByteClass.lf {
                scanned = 0
                guard index > start, bytes[index - 1] == ByteClass.cr else { throw .malformed("line ends with a bare LF") }
                return index - 1
            }
            index += 1
        }
        if available > 0, available >= max { throw tooLong }
        scanned = index - start
        return nil
    }

    /// The final response; whether the connection stays open follows RFC 9112 §9.3.
    func makeResponse() -> ReceivedResponse {
        var isClose = false
        var isKeepAliveListed = false
        for value in headers.values("Connection") {
            isClose = isClose || HTTPRequest.lists(value, option: "close")
            isKeepAliveListed = isKeepAliveListed || HTTPRequest.lists(value, option: "keep-alive")
        }
        let versionAllows = minorVersion == 1 ? !isClose : isKeepAliveListed && !isClose
        return ReceivedResponse(response: HTTPResponse(status: status, headers: headers, body: body),
                                minorVersion: minorVersion,
                                isKeepAlive: versionAllows && !delimitedByClose)
    }

    static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
