import Glibc
import HTTP
import Sockets
import Synchronization

/// What other threads may ask of a loop.
enum LoopMessage: Sendable {
    case handlerFinished(descriptor: Int32, serial: UInt64, sequence: UInt64, response: HTTPResponse)
    case streamPiece(descriptor: Int32, serial: UInt64, sequence: UInt64, bytes: [UInt8], writer: CheckedContinuation<Void, any Error>)
    case streamEnded(descriptor: Int32, serial: UInt64, sequence: UInt64, failed: Bool)
    case shutdown
}

/// State every loop of one server shares.
final class ServerShared: Sendable {
    let responder: Responder
    let limits: ServerLimits
    let executor: HandlerExecutor
    let openConnections = Atomic<Int>(0)

    init(responder: Responder, limits: ServerLimits, executor: HandlerExecutor) {
        self.responder = responder
        self.limits = limits
        self.executor = executor
    }
}

/// One thread running epoll over its own listener (SO_REUSEPORT) and its connections.
/// Everything but `inbox` and `waker` is touched only on the loop's thread.
final class EventLoop: @unchecked Sendable {
    private static let listenerToken = UInt64.max
    private static let wakerToken = UInt64.max - 1
    private static let sweepInterval = Duration.milliseconds(100)
    /// How long the listener goes unwatched when accepting fails for want of descriptors or memory.
    private static let acceptPause = Duration.milliseconds(100)
    /// How long a closing connection reads and drops what its client still sends (see `linger`).
    static let lingerTime = Duration.seconds(2)
    private static let readChunkBytes = 64 * 1024

    let shared: ServerShared
    /// The shared responder and its observer, held here so the per-request path reads its own fields.
    private let responder: Responder
    private let observer: (any RequestObserver)?
    private let poller: Poller
    private let waker: Waker
    private var listener: Socket?
    private var connections = ConnectionTable()
    private let inbox = Mutex<[LoopMessage]>([])
    private var serials: UInt64 = 0
    private var dates = DateCache()
    private let scratch: UnsafeMutableRawBufferPointer
    private var drainDeadline: LoopInstant?
    /// Set while the listener is unwatched after running out of descriptors.
    private var acceptResumesAt: LoopInstant?
    private var lastSweep = LoopInstant.now()
    private var now = LoopInstant.now()

    /// Takes ownership of `listener`.
    init(listener: Socket, shared: ServerShared) throws {
        self.shared = shared
        self.responder = shared.responder
        self.observer = responder.observer
        self.poller = try Poller()
        self.waker = try Waker()
        self.listener = listener
        self.scratch = .allocate(byteCount: Self.readChunkBytes, alignment: 16)
        try poller.add(listener.descriptor, .readable, token: Self.listenerToken)
        try poller.add(waker.descriptor, .readable, token: Self.wakerToken)
    }

    deinit {
        scratch.deallocate()
        listener?.close()
    }

    /// Thread-safe: queue a message and wake the loop.
    func post(_ message: LoopMessage) {
        inbox.withLock { $0.append(message) }
        waker.wake()
    }

    /// Runs until shutdown has drained every connection (or the drain timeout cut them).
    func run() {
        while true {
            let timeout: Int32 = connections.isEmpty && drainDeadline == nil && acceptResumesAt == nil ? 1000 : 100
            do { try poller.wait(timeoutMilliseconds: timeout) } catch { continue }
            now = LoopInstant.now()
            for index in 0..<poller.readyCount {
                let (token, events) = poller.event(at: index)
                switch token {
                case Self.listenerToken: acceptAll()
                case Self.wakerToken: drainInbox()
                default: service(token: token, events: events)
                }
            }
            if let resume = acceptResumesAt, now >= resume { resumeAccepting() }
            if now - lastSweep >= Self.sweepInterval {
                lastSweep = now
                sweep()
            }
            if let deadline = drainDeadline {
                if connections.isEmpty { break }
                if now >= deadline {
                    for connection in connections.all { closeConnection(connection) }
                    break
                }
            }
        }
    }

    // MARK: accepting

    private func acceptAll() {
        guard let listener else { return }
        for _ in 0..<64 {
            let accepted: Socket?
            do { accepted = try listener.accept() } catch let error as SocketError where Self.isExhaustion(error) {
                pauseAccepting(listener)
                return
            } catch {
                // The one failed connection is gone; the listener reports any others again.
                return
            }
            guard let socket = accepted else { return }
            let count = shared.openConnections.wrappingAdd(1, ordering: .relaxed).newValue
            if count > shared.limits.connectionsMax {
                shared.openConnections.wrappingSubtract(1, ordering: .relaxed)
                refuseOverloaded(socket)
                continue
            }
            try? socket.setNoDelay()
            let fd = socket.descriptor
            serials &+= 1
            let connection = Connection(descriptor: fd, serial: serials & 0xFFFF_FFFF, limits: shared.limits.http, now: now)
            do {
                try poller.add(fd, .readable, token: connection.token)
                connections[fd] = connection
            } catch {
                close(fd)
                shared.openConnections.wrappingSubtract(1, ordering: .relaxed)
            }
        }
    }

    /// Out of descriptors or kernel memory: the pending connection stays queued and the
    /// listener stays readable, so watching it now would only spin until something is freed.
    private static func isExhaustion(_ error: SocketError) -> Bool {
        [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errno)
    }

    private func pauseAccepting(_ listener: Socket) {
        try? poller.modify(listener.descriptor, [], token: Self.listenerToken)
        acceptResumesAt = now + Self.acceptPause
    }

    private func resumeAccepting() {
        acceptResumesAt = nil
        guard let listener else { return }
        try? poller.modify(listener.descriptor, .readable, token: Self.listenerToken)
    }

    private func refuseOverloaded(_ socket: Socket) {
        defer { socket.close() }
        let request = ServerRequest(http: HTTPRequest(method: .get, target: "/"), requestID: RequestID.make())
        let response = responder.errorResponder(HTTPServerError.overloaded, request)
        var bytes: [UInt8] = []
        HTTPResponseEncoder.encode(response, date: dates.current(), keepAlive: false, isHead: false, into: &bytes)
        _ = try? bytes.withUnsafeBytes { try socket.write($0) }
    }

    // MARK: reading and answering

    private func service(token: UInt64, events: PollEvents) {
        let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: token))
        guard let connection = connections[fd], connection.token == token else { return }
        if events.contains(.error) || events.contains(.hangup) {
            // Reset by the peer: nothing more can be read or written.
            closeConnection(connection)
            return
        }
        if events.contains(.writable) {
            flush(connection)
            guard connections[fd] === connection else { return }
        }
        if events.contains(.readable) && connection.interest.contains(.readable) {
            read(connection)
        }
    }

    private func read(_ connection: Connection) {
        let outcome: ReadOutcome
        do { outcome = try Socket(descriptor: connection.descriptor).read(into: scratch) } catch {
            closeConnection(connection)
            return
        }
        if connection.lingerUntil != nil {
            // Dropped unread; the client's close ends the connection.
            if case .endOfStream = outcome { closeConnection(connection) }
            return
        }
        switch outcome {
        case .wouldBlock: return
        case .endOfStream:
            // A half-closed client still gets answers to what it sent (RFC 9112 §9.6).
            connection.peerClosed = true
            flush(connection)
            return
        case .bytes(let count):
            connection.lastActivity = now
            if connection.requestStartedAt == nil { connection.requestStartedAt = now }
            let fresh = UnsafeRawBufferPointer(rebasing: scratch[0..<count])
            if connection.hasBufferedInput {
                connection.appendInput(fresh)
                process(connection)
            } else {
                // The usual case: nothing left over from before, so parse where the bytes landed.
                process(connection, fresh: fresh)
            }
        }
    }

    /// Parses and answers requests in order until input runs out, a handler is pending, the
    /// connection is to close, or too much output is queued (backpressure). Input is the
    /// connection's buffer, or `fresh` when that is empty: bytes just read into the scratch
    /// buffer, of which whatever is left unparsed is kept in the connection's buffer.
    private func process(_ connection: Connection, fresh: UnsafeRawBufferPointer? = nil) {
        var fresh = fresh
        parsing: while connection.isReading, !connection.closeAfterWrite,
              connection.output.count - connection.outputStart < shared.limits.outputBytesMax {
            let result: (consumed: Int, event: HTTPParseEvent?)
            do throws(HTTPParseError) {
                if let bytes = fresh {
                    guard !bytes.isEmpty else { break parsing }
                    result = try connection.parser.parse(bytes)
                } else {
                    guard connection.hasBufferedInput else { break parsing }
                    result = try connection.parseBufferedInput()
                }
            } catch {
                fresh = nil
                answerMalformed(connection, error)
                break parsing
            }
            if let bytes = fresh {
                fresh = UnsafeRawBufferPointer(rebasing: bytes[result.consumed...])
            } else {
                connection.inputStart += result.consumed
            }
            switch result.event {
            case nil:
                if result.consumed == 0 { break parsing }
            case .expectContinue:
                connection.output.append(contentsOf: Self.continueLine)
            case .request(let http):
                connection.requestStartedAt = nil
                dispatch(http, on: connection)
            }
        }
        if let fresh, !fresh.isEmpty { connection.appendInput(fresh) }
        // Input waiting behind a handler is not timed: the client is not the one keeping it waiting.
        if connection.isReading, connection.requestStartedAt == nil, connection.isReceivingRequest {
            connection.requestStartedAt = now
        }
        flush(connection)
    }

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private func dispatch(_ http: HTTPRequest, on connection: Connection) {
        let startedAt = now
        let requestID = RequestID.accept(http.headers[RequestID.header]) ?? RequestID.make()
        var request = ServerRequest(http: http, requestID: requestID)
        if !http.isKeepAlive || drainDeadline != nil { connection.closeAfterWrite = true }
        switch responder.resolve(&request) {
        case .ready(let response):
            write(response, for: request, startedAt: startedAt, on: connection)
        case .deferred(let body):
            connection.requestSequence &+= 1
            let sequence = connection.requestSequence
            let (fd, serial) = (connection.descriptor, connection.serial)
            let errorResponder = responder.errorResponder
            let task = Task(executorPreference: shared.executor) { [self] in
                let response = await Responder.run(body, request, errorResponder: errorResponder)
                post(.handlerFinished(descriptor: fd, serial: serial, sequence: sequence, response: response))
            }
            connection.state = .awaitingHandler(Connection.HandlerState(
                sequence: sequence, task: task, request: request, startedAt: startedAt,
                deadline: startedAt + shared.limits.handlerDeadline))
            updateInterest(connection)
        }
    }

    private func write(_ response: HTTPResponse, for request: ServerRequest, startedAt: LoopInstant, on connection: Connection) {
        let streams = response.bodyStream != nil && request.method != .head
        // Without chunking (HTTP/1.0) a streamed body ends when the connection closes.
        if streams && request.http.minorVersion == 0 { connection.closeAfterWrite = true }
        HTTPResponseEncoder.encode(response, date: dates.current(), keepAlive: !connection.closeAfterWrite,
                                   isHead: request.method == .head, requestMinorVersion: request.http.minorVersion,
                                   setting: (RequestID.header, request.requestID), into: &connection.output)
        if streams, let stream = response.bodyStream {
            startStream(stream, status: response.status, for: request, startedAt: startedAt, on: connection)
        } else {
            observer?.requestFinished(request, status: response.status, duration: now - startedAt)
        }
    }

    private func startStream(_ stream: HTTPBodyStream, status: HTTPStatus, for request: ServerRequest,
                             startedAt: LoopInstant, on connection: Connection) {
        connection.requestSequence &+= 1
        let writer = StreamWriter(loop: self, descriptor: connection.descriptor, serial: connection.serial,
                                  sequence: connection.requestSequence)
        var state = Connection.BodyStreamState(sequence: writer.sequence, task: nil, isChunked: request.http.minorVersion >= 1,
                                               waitingWriter: nil, request: request, status: status, startedAt: startedAt)
        state.task = Task(executorPreference: shared.executor) { [self] in
            let failed: Bool
            do { try await stream.produce(writer); failed = false } catch { failed = true }
            post(.streamEnded(descriptor: writer.descriptor, serial: writer.serial, sequence: writer.sequence, failed: failed))
        }
        connection.state = .streaming(state)
        updateInterest(connection)
    }

    private func receivePiece(_ bytes: [UInt8], writer: CheckedContinuation<Void, any Error>, on connection: Connection) {
        guard case .streaming(var state) = connection.state else { return writer.resume(throwing: StreamWriter.Gone()) }
        if state.isChunked {
            HTTPResponseEncoder.encodeChunk(bytes, into: &connection.output)
        } else {
            connection.output.append(contentsOf: bytes)
        }
        if connection.output.count - connection.outputStart < shared.limits.outputBytesMax {
            writer.resume()
        } else {
            state.waitingWriter = writer
            connection.state = .streaming(state)
        }
        flush(connection)
    }

    private func endStream(_ connection: Connection, failed: Bool) {
        guard case .streaming(let state) = connection.state else { return }
        observer?.requestFinished(state.request, status: state.status, duration: now - state.startedAt)
        if failed {
            // The head is gone already; an unterminated body is the only way left to say so.
            closeConnection(connection)
            return
        }
        if state.isChunked { connection.output.append(contentsOf: HTTPResponseEncoder.lastChunk) }
        connection.state = .reading
        connection.lastActivity = now
        resumeReading(connection)
    }

    /// Lets a writer waiting on a full output buffer continue once it drained.
    private func resumeWaitingWriter(_ connection: Connection) {
        guard !connection.isReading, case .streaming(var state) = connection.state, let writer = state.waitingWriter,
              connection.output.count - connection.outputStart < shared.limits.outputBytesMax else { return }
        state.waitingWriter = nil
        connection.state = .streaming(state)
        writer.resume()
    }

    private func answerMalformed(_ connection: Connection, _ error: HTTPParseError) {
        connection.closeAfterWrite = true
        connection.inputStart = connection.input.count
        let request = ServerRequest(http: HTTPRequest(method: HTTPMethod("-"), target: "/"), requestID: RequestID.make())
        let response = responder.errorResponder(HTTPServerError.malformedRequest(error), request)
        write(response, for: request, startedAt: now, on: connection)
    }

    // MARK: handler completions and shutdown

    private func drainInbox() {
        waker.drain()
        let messages = inbox.withLock { messages -> [LoopMessage] in
            let taken = messages
            messages.removeAll(keepingCapacity: true)
            return taken
        }
        for message in messages {
            switch message {
            case .shutdown: beginShutdown()
            case let .handlerFinished(fd, serial, sequence, response):
                guard let connection = connections[fd], connection.serial == serial,
                      case .awaitingHandler(let handler) = connection.state, handler.sequence == sequence else { continue }
                finishHandler(connection, response: response, request: handler.request, startedAt: handler.startedAt)
            case let .streamPiece(fd, serial, sequence, bytes, writer):
                guard let connection = connections[fd], connection.serial == serial,
                      case .streaming(let state) = connection.state, state.sequence == sequence else {
                    writer.resume(throwing: StreamWriter.Gone())
                    continue
                }
                receivePiece(bytes, writer: writer, on: connection)
            case let .streamEnded(fd, serial, sequence, failed):
                guard let connection = connections[fd], connection.serial == serial,
                      case .streaming(let state) = connection.state, state.sequence == sequence else { continue }
                endStream(connection, failed: failed)
            }
        }
    }

    private func finishHandler(_ connection: Connection, response: HTTPResponse, request: ServerRequest, startedAt: LoopInstant) {
        connection.state = .reading
        if drainDeadline != nil { connection.closeAfterWrite = true }
        write(response, for: request, startedAt: startedAt, on: connection)
        connection.lastActivity = now
        resumeReading(connection)
    }

    /// Continues with input that waited while reading was paused (for a handler, a stream or
    /// queued output). The header-read clock starts again: the wait was not the client's.
    private func resumeReading(_ connection: Connection) {
        connection.requestStartedAt = nil
        process(connection)
    }

    /// Stops accepting and closes idle connections; the others close once what is in flight is
    /// answered. A request still arriving is let in, and `dispatch` answers it with Connection: close.
    private func beginShutdown() {
        guard drainDeadline == nil else { return }
        drainDeadline = now + shared.limits.drainTimeout
        if let listener {
            poller.remove(listener.descriptor)
            listener.close()
            self.listener = nil
            acceptResumesAt = nil
        }
        for connection in connections.all {
            if connection.isIdle || connection.lingerUntil != nil {
                closeConnection(connection)
            } else if !(connection.isReading && connection.isReceivingRequest) {
                connection.closeAfterWrite = true
            }
        }
    }

    // MARK: writing, timeouts, closing

    private func flush(_ connection: Connection) {
        while connection.hasPendingOutput {
            let written: Int
            do {
                written = try connection.output.withUnsafeBytes { buffer in
                    try Socket(descriptor: connection.descriptor)
                        .write(UnsafeRawBufferPointer(rebasing: buffer[connection.outputStart...]))
                }
            } catch {
                closeConnection(connection)
                return
            }
            if written == 0 { break }
            connection.lastActivity = now
            connection.consumedOutput(written)
        }
        resumeWaitingWriter(connection)
        if !connection.hasPendingOutput && !connection.isAwaitingHandler
            && (connection.closeAfterWrite || connection.peerClosed) {
            linger(connection)
            return
        }
        if !connection.hasPendingOutput, connection.isReading, connection.hasBufferedInput,
           !connection.closeAfterWrite, connection.interest.contains(.writable) {
            // Output drained after backpressure: continue with the pipelined requests.
            updateInterest(connection)
            resumeReading(connection)
            return
        }
        updateInterest(connection)
    }

    /// Ends a connection whose last answer is written. Closed with input still unread, the kernel
    /// would send a reset, which can destroy the answer before the client reads it (a 413 for a
    /// body still on its way). So the write side is shut, and what still arrives is read and
    /// dropped until the client closes, or for `lingerTime`. Not while shutting down, and not
    /// counted as open: the client has its answer and its end of stream.
    private func linger(_ connection: Connection) {
        guard connection.lingerUntil == nil, !connection.peerClosed, drainDeadline == nil,
              shutdown(connection.descriptor, Int32(SHUT_WR)) == 0 else { return closeConnection(connection) }
        shared.openConnections.wrappingSubtract(1, ordering: .relaxed)
        connection.lingerUntil = now + Self.lingerTime
        connection.interest = .readable
        try? poller.modify(connection.descriptor, .readable, token: connection.token)
    }

    private func updateInterest(_ connection: Connection) {
        var wanted: PollEvents = []
        if connection.hasPendingOutput {
            wanted = .writable
        } else if connection.isReading, !connection.closeAfterWrite, !connection.peerClosed {
            wanted = .readable
        }
        guard wanted != connection.interest else { return }
        connection.interest = wanted
        try? poller.modify(connection.descriptor, wanted, token: connection.token)
    }

    private func sweep() {
        let limits = shared.limits
        for connection in connections.all {
            if let until = connection.lingerUntil {
                if now >= until { closeConnection(connection) }
                continue
            }
            switch connection.state {
            case .awaitingHandler(let handler):
                if now >= handler.deadline {
                    handler.task.cancel()
                    // Answered as the request it stands in for: a HEAD gets no body, the caller's
                    // id comes back, and logs and metrics count it under its own route.
                    let response = responder.errorResponder(HTTPServerError.handlerTimedOut, handler.request)
                    finishHandler(connection, response: response, request: handler.request, startedAt: handler.startedAt)
                }
            case .streaming:
                // Nothing sent for that long: either the client stopped reading or the producer went quiet.
                if now - connection.lastActivity >= limits.idleTimeout { closeConnection(connection) }
            case .reading:
                if connection.hasPendingOutput {
                    if now - connection.lastActivity >= limits.idleTimeout { closeConnection(connection) }
                } else if let started = connection.requestStartedAt {
                    if now - started >= limits.headerReadTimeout { answerTimedOut(connection) }
                } else if now - connection.lastActivity >= limits.idleTimeout {
                    closeConnection(connection)
                }
            }
        }
    }

    private func answerTimedOut(_ connection: Connection) {
        // With not a byte sent there is no request to answer, and a 408 could land in front of
        // one the client is sending just now.
        guard connection.isReceivingRequest else { return closeConnection(connection) }
        connection.closeAfterWrite = true
        connection.inputStart = connection.input.count
        connection.requestStartedAt = nil
        let request = ServerRequest(http: HTTPRequest(method: HTTPMethod("-"), target: "/"), route: "timeout", requestID: RequestID.make())
        let response = responder.errorResponder(HTTPServerError.requestTimedOut, request)
        write(response, for: request, startedAt: now, on: connection)
        flush(connection)
    }

    private func closeConnection(_ connection: Connection) {
        guard connections[connection.descriptor] === connection else { return }
        switch connection.state {
        case .awaitingHandler(let handler): handler.task.cancel()
        case .streaming(let state):
            state.task?.cancel()
            state.waitingWriter?.resume(throwing: StreamWriter.Gone())
        case .reading: break
        }
        connections[connection.descriptor] = nil
        poller.remove(connection.descriptor)
        // Counted down before the close, so a client that sees end-of-stream sees the count too
        // (a lingering connection was counted down when it shut its write side).
        if connection.lingerUntil == nil { shared.openConnections.wrappingSubtract(1, ordering: .relaxed) }
        close(connection.descriptor)
    }
}
