import HTTP

/// How one request/response exchange on one connection ended.
enum ExchangeOutcome {
    case response(ReceivedResponse, isReusable: Bool)
    case failed(ClientError.Reason, progress: Progress)

    /// How far the request got before the failure: this alone decides notSent versus maybeSent.
    enum Progress {
        /// The kernel took no byte of the request.
        case nothingWritten
        /// Some or all of the request was written and no response byte came back.
        case noResponseByte
        /// The server had started answering.
        case responseStarted
    }
}

/// Writes one encoded request and reads its response, on a connection's I/O thread.
struct Exchange {
    let request: [UInt8]
    let method: HTTPMethod
    let limits: ClientLimits
    let deadline: ContinuousClock.Instant
    /// False: done once the final head is read (`ClientRequest.readsBody`).
    var readsBody = true

    func run(on transport: Transport) -> ExchangeOutcome {
        var sent = 0
        do {
            try transport.write(request, deadline: Deadlines.within(limits.writeTimeout, deadline), sent: &sent)
        } catch {
            return .failed(Self.reason(error), progress: sent == 0 ? .nothingWritten : .noResponseByte)
        }
        return readResponse(from: transport)
    }

    private func readResponse(from transport: Transport) -> ExchangeOutcome {
        // Without the body, its size is no concern: it is never read, let alone kept.
        var parser = HTTPResponseParser(limits: HTTPLimits(bodyBytesMax: readsBody ? limits.responseBytesMax : Int.max),
                                        requestMethod: method)
        var pending: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let progress: ExchangeOutcome.Progress = pending.isEmpty && parser.consumedBytes == 0
                ? .noResponseByte : .responseStarted
            let count: Int
            do {
                count = try transport.read(into: chunk, deadline: Deadlines.within(limits.readTimeout, deadline))
            } catch {
                return .failed(Self.reason(error), progress: progress)
            }
            guard count > 0 else { return finish(&parser, progress: progress, transport: transport) }
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
            let parsed = pending.withUnsafeBytes { raw in
                Result { () throws(HTTPResponseParseError) in try parser.parse(raw) }
            }
            switch parsed {
            case .success(let (consumed, response)):
                pending.removeFirst(consumed)
                // Bytes after the response were never asked for: the connection's framing is in doubt.
                if let response { return .response(response, isReusable: response.isKeepAlive && pending.isEmpty) }
                if let head = headAnswer(parser) { return head }
            case .failure(let error):
                // The head came whole before the body went wrong: it is all that was asked for.
                if let head = headAnswer(parser) { return head }
                return .failed(Self.reason(error), progress: .responseStarted)
            }
        }
    }

    /// With `readsBody` false, the final head as the whole answer once it is read.
    private func headAnswer(_ parser: HTTPResponseParser) -> ExchangeOutcome? {
        guard !readsBody, let head = parser.finalHead else { return nil }
        // The rest of the body is left unread, so the connection cannot carry another request.
        return .response(ReceivedResponse(response: head, minorVersion: 1, isKeepAlive: false), isReusable: false)
    }

    /// End of stream: completes a body delimited by the close, or reports the cut.
    private func finish(_ parser: inout HTTPResponseParser, progress: ExchangeOutcome.Progress,
                        transport: Transport) -> ExchangeOutcome {
        guard progress == .responseStarted else { return .failed(.connectionClosed, progress: progress) }
        do {
            let response = try parser.finish()
            // Over TLS, a close without close_notify could be an attacker cutting the body short.
            guard !transport.mayBeTruncated else {
                return .failed(.malformedResponse("TLS session ended without close_notify"), progress: .responseStarted)
            }
            return .response(response, isReusable: false)
        } catch {
            return .failed(error == .incomplete ? .connectionClosed : Self.reason(error), progress: .responseStarted)
        }
    }

    static func reason(_ failure: TransportFailure) -> ClientError.Reason {
        switch failure {
        case .timedOut: .timedOut
        case .closed: .connectionClosed
        case .failed(let why): .ioFailed(why)
        }
    }

    static func reason(_ error: HTTPResponseParseError) -> ClientError.Reason {
        switch error {
        case .bodyTooLarge: .responseTooLarge
        case .incomplete: .connectionClosed
        default: .malformedResponse(error.description)
        }
    }
}
