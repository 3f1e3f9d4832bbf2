import HTTP

/// Plays the server's part: appends bytes as they "arrive", keeps the unconsumed rest,
/// and calls the parser until it asks for more, recording events and consumed counts.
struct ParserFeeding {
    var parser: HTTPRequestParser
    var pending: [UInt8] = []
    var events: [HTTPParseEvent] = []
    var consumedCounts: [Int] = []

    init(limits: HTTPLimits = HTTPLimits()) {
        parser = HTTPRequestParser(limits: limits)
    }

    /// The requests among the events, in order.
    var requests: [HTTPRequest] {
        events.compactMap { if case .request(let request) = $0 { request } else { nil } }
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) throws(HTTPParseError) {
        pending.append(contentsOf: bytes)
        while true {
            let (consumed, event) = try parseOnce()
            pending.removeFirst(consumed)
            guard let event else { return }
            consumedCounts.append(consumed)
            events.append(event)
        }
    }

    /// Feeds `text` in pieces of `pieceSize` bytes, or whole when nil.
    mutating func feed(_ text: String, pieceSize: Int? = nil) throws(HTTPParseError) {
        let bytes = Array(text.utf8)
        let size = Swift.max(1, pieceSize ?? bytes.count)
        var start = 0
        repeat {
            let end = Swift.min(start + size, bytes.count)
            try feed(bytes[start..<end])
            start = end
        } while start < bytes.count
    }

    private mutating func parseOnce() throws(HTTPParseError) -> (consumed: Int, event: HTTPParseEvent?) {
        var parser = self.parser
        defer { self.parser = parser }
        let result = pending.withUnsafeBytes { bytes in
            Result { () throws(HTTPParseError) in try parser.parse(bytes) }
        }
        return try result.get()
    }
}

/// The requests parsed from `text`, fed in pieces of `pieceSize` bytes.
func parseRequests(_ text: String, limits: HTTPLimits = HTTPLimits(),
                   pieceSize: Int? = nil) throws(HTTPParseError) -> [HTTPRequest] {
    var feeding = ParserFeeding(limits: limits)
    try feeding.feed(text, pieceSize: pieceSize)
    return feeding.requests
}

/// The error parsing `text` throws, or nil when it parses (completely or not).
func parseError(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
    var feeding = ParserFeeding(limits: limits)
    do throws(HTTPParseError) {
        try feeding.feed(text)
        return nil
    } catch {
        return error
    }
}

extension HTTPParseEvent {
    var isExpectContinue: Bool {
        if case .expectContinue = self { true } else { false }
    }
}
