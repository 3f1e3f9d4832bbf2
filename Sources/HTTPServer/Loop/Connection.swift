import HTTP
import Sockets

/// One client connection's state. Owned by a single event loop thread; never shared.
final class Connection {
    enum State {
        /// Reading and answering requests.
        case reading
        /// A handler task is running; reading is paused so answers stay in order.
        case awaitingHandler(HandlerState)
        /// A streamed body is being produced; reading is paused as for a handler.
        case streaming(BodyStreamState)
    }

    /// A running handler and the request it answers, which a 504 in its place answers too.
    struct HandlerState {
        let sequence: UInt64
        let task: Task<Void, Never>
        let request: ServerRequest
        let startedAt: LoopInstant
        let deadline: LoopInstant
    }

    /// The producer of a streamed body and what the loop owes it.
    struct BodyStreamState {
        let sequence: UInt64
        var task: Task<Void, Never>?
        /// False for HTTP/1.0: the body ends when the connection closes.
        let isChunked: Bool
        /// A writer waiting for the output to drain below the limit.
        var waitingWriter: CheckedContinuation<Void, any Error>?
        let request: ServerRequest
        let status: HTTPStatus
        let startedAt: LoopInstant
    }

    let descriptor: Int32
    /// Distinguishes this connection from a later one that reuses the descriptor.
    let serial: UInt64
    var state: State = .reading {
        didSet {
            if case .reading = state { isReading = true } else { isReading = false }
        }
    }
    /// Whether `state` is `.reading`, kept beside it so the per-request path can test it
    /// without copying the state and its payload.
    private(set) var isReading = true
    var parser: HTTPRequestParser
    var input: [UInt8] = []
    var inputStart = 0
    var output: [UInt8] = []
    var outputStart = 0
    var interest: PollEvents = .readable
    /// Set when an answer said `Connection: close`: parse nothing more, close once written.
    var closeAfterWrite = false
    /// The client half-closed: answer what was read, then close.
    var peerClosed = false
    /// Set once the last answer is written and the write side shut: what the client still sends
    /// is read and dropped until it closes, or until then.
    var lingerUntil: LoopInstant?
    var requestSequence: UInt64 = 0
    /// When the request being read started to count against the header-read timeout: its
    /// first byte, or when reading resumed after a pause; for a new connection, its accept.
    /// Nil between requests and while reading is paused.
    var requestStartedAt: LoopInstant?
    var lastActivity: LoopInstant

    init(descriptor: Int32, serial: UInt64, limits: HTTPLimits, now: LoopInstant) {
        self.descriptor = descriptor
        self.serial = serial
        self.parser = HTTPRequestParser(limits: limits)
        self.lastActivity = now
        // A client that connects means to send at once; one that does not is inactive (RFC 9112 §9.5).
        self.requestStartedAt = now
    }

    var token: UInt64 { UInt64(UInt32(bitPattern: descriptor)) | (serial << 32) }

    var hasPendingOutput: Bool { outputStart < output.count }
    var hasBufferedInput: Bool { inputStart < input.count }

    /// A handler or a body producer is still working for the current request.
    var isAwaitingHandler: Bool { !isReading }

    /// Some of a request has arrived and not all of it.
    var isReceivingRequest: Bool { hasBufferedInput || parser.isInsideMessage }

    /// Nothing in flight: safe to close during shutdown without cutting an answer.
    var isIdle: Bool {
        !isAwaitingHandler && !hasPendingOutput && !isReceivingRequest
    }

    /// Parses from the buffered input; the caller advances `inputStart` by what was consumed.
    func parseBufferedInput() throws(HTTPParseError) -> (consumed: Int, event: HTTPParseEvent?) {
        var failure: HTTPParseError?
        let result = input.withUnsafeBytes { buffer -> (consumed: Int, event: HTTPParseEvent?) in
            do throws(HTTPParseError) {
                return try parser.parse(UnsafeRawBufferPointer(rebasing: buffer[inputStart...]))
            } catch {
                failure = error
                return (0, nil)
            }
        }
        if let failure { throw failure }
        return result
    }

    func appendInput(_ bytes: UnsafeRawBufferPointer) {
        if inputStart == input.count {
            input.removeAll(keepingCapacity: true)
            inputStart = 0
        } else if inputStart > 4096 && inputStart * 2 > input.count {
            input.removeSubrange(0..<inputStart)
            inputStart = 0
        }
        input.append(contentsOf: bytes)
    }

    func consumedOutput(_ count: Int) {
        outputStart += count
        if outputStart == output.count {
            output.removeAll(keepingCapacity: output.capacity <= 64 * 1024)
            outputStart = 0
        }
    }
}
