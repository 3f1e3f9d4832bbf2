import HTTP

/// Hands the pieces of a streamed body to the connection's event loop.
struct StreamWriter: HTTPBodyWriter {
    /// The client went away (or the server closed the connection) mid-stream.
    struct Gone: Error {}

    let loop: EventLoop
    let descriptor: Int32
    let serial: UInt64
    let sequence: UInt64

    func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await withCheckedThrowingContinuation { continuation in
            loop.post(.streamPiece(descriptor: descriptor, serial: serial, sequence: sequence, bytes: bytes, writer: continuation))
        }
    }
}
