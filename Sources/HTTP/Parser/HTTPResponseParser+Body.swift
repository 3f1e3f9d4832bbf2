extension HTTPResponseParser {
    /// Takes up to `remaining` bytes of a Content-Length body (RFC 9112 §6.2).
    mutating func readFixedBody(_ bytes: UnsafeRawBufferPointer, at start: Int, remaining: Int) -> Step {
        let count = Swift.min(bytes.count - start, remaining)
        guard count > 0 else { return .needMore }
        appendBody(bytes, start..<start + count)
        if count == remaining {
            state = .complete
            return .response(consumed: count)
        }
        state = .fixedBody(remaining: remaining - count)
        return .consumed(count)
    }

    /// Takes everything until the peer closes, within the body limit (RFC 9112 §6.3 item 8).
    mutating func readUntilClose(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPResponseParseError) -> Step {
        let count = bytes.count - start
        guard count > 0 else { return .needMore }
        guard count <= limits.bodyBytesMax - body.count else { throw .bodyTooLarge }
        appendBody(bytes, start..<start + count)
        return .consumed(count)
    }

    /// Reads `chunk-size [ chunk-ext ] CRLF` (RFC 9112 §7.1); extensions are ignored but bounded.
    mutating func readChunkSizeLine(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPResponseParseError) -> Step {
        guard let end = try findLineEnd(bytes, at: start, max: Self.chunkLineBytesMax,
                                        tooLong: .malformed("chunk size line too long")) else {
            return .needMore
        }
        let (size, extensions): (Int, Int)
        do { (size, extensions) = try ChunkFraming.sizeLine(bytes, start..<end) } catch { throw .malformed(error.message) }
        extensionBytes += extensions
        guard extensionBytes <= limits.headerBytesMax else { throw .malformed("chunk extensions too long") }
        if size == 0 {
            // The trailer section gets a fresh head-sized budget (RFC 9112 §7.1.2).
            headBytes = 0
            fieldCount = 0
            state = .trailerLine
        } else {
            // Judged on the declared size, before any of the chunk is read.
            guard size <= limits.bodyBytesMax - body.count else { throw .bodyTooLarge }
            state = .chunkData(remaining: size)
        }
        return .consumed(end + 2 - start)
    }

    /// Takes up to `remaining` bytes of chunk data.
    mutating func readChunkData(_ bytes: UnsafeRawBufferPointer, at start: Int, remaining: Int) -> Step {
        let count = Swift.min(bytes.count - start, remaining)
        guard count > 0 else { return .needMore }
        appendBody(bytes, start..<start + count)
        state = count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - count)
        return .consumed(count)
    }

    /// Chunk data is followed by exactly CRLF (RFC 9112 §7.1).
    mutating func readChunkDataEnd(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPResponseParseError) -> Step {
        let complete: Bool
        do { complete = try ChunkFraming.dataEnd(bytes, at: start) } catch { throw .malformed(error.message) }
        guard complete else { return .needMore }
        state = .chunkSizeLine
        return .consumed(2)
    }

    mutating func appendBody(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    }
}
