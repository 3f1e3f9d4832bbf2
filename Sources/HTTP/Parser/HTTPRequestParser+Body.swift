extension HTTPRequestParser {
    /// Takes up to `remaining` bytes of a Content-Length body (RFC 9112 §6.2).
    mutating func readFixedBody(_ bytes: UnsafeRawBufferPointer, at start: Int, remaining: Int) -> Step {
        let count = Swift.min(bytes.count - start, remaining)
        guard count > 0 else { return .needMore }
        appendBody(bytes, start..<start + count)
        if count == remaining { return .event(consumed: count, .request(completeRequest())) }
        state = .fixedBody(remaining: remaining - count)
        return .consumed(count)
    }

    /// Reads `chunk-size [ chunk-ext ] CRLF` (RFC 9112 §7.1). Extensions are ignored, but their
    /// bytes across the body count against the head budget so they cannot be streamed forever.
    mutating func readChunkSizeLine(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPParseError) -> Step {
        guard let end = try findLineEnd(bytes, at: start, max: Self.chunkLineBytesMax,
                                        tooLong: .badRequest("chunk size line too long")) else {
            return .needMore
        }
        let (size, extensions): (Int, Int)
        do { (size, extensions) = try ChunkFraming.sizeLine(bytes, start..<end) } catch { throw .badRequest(error.message) }
        extensionBytes += extensions
        guard extensionBytes <= limits.headerBytesMax else { throw .badRequest("chunk extensions too long") }
        if size == 0 {
            // The trailer section gets a fresh head-sized budget (RFC 9112 §7.1.2).
            headBytes = 0
            fieldCount = 0
            state = .trailerLine
        } else {
            guard size <= limits.bodyBytesMax - body.count else { throw .payloadTooLarge }
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

    /// Chunk data is followed by exactly CRLF (RFC 9112 §7.1); the first byte is judged as soon
    /// as it arrives so the result does not depend on how reads were split.
    mutating func readChunkDataEnd(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(HTTPParseError) -> Step {
        let complete: Bool
        do { complete = try ChunkFraming.dataEnd(bytes, at: start) } catch { throw .badRequest(error.message) }
        guard complete else { return .needMore }
        state = .chunkSizeLine
        return .consumed(2)
    }

    /// Copies body bytes; when one read holds the whole body this is the body's only allocation.
    mutating func appendBody(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        if body.isEmpty {
            body = Array(slice)
        } else {
            body.append(contentsOf: slice)
        }
    }
}
