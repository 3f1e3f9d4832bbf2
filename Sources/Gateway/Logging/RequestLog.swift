import HTTP
import HTTPServer

/// Logs one line per answered request and counts it in the metrics.
struct RequestLog: RequestObserver {
    let logger: Logger
    let metrics: Metrics

    /// Room for the line's fixed text and its numbers: keys and punctuation (about 100 bytes),
    /// a status and a duration of at most 20 digits each plus the decimals.
    static let fixedBytesMax = 192

    func requestFinished(_ request: ServerRequest, status: HTTPStatus, duration: Duration) {
        metrics.record(method: request.method, route: request.route, routeIndex: request.routeIndex, status: status.code,
                       duration: duration)
        guard LogLevel.info >= logger.minimum else { return }
        // The same line `logger.info("request", [...])` writes, formatted into stack memory
        // without an intermediate field list: this runs once per request on the event loop.
        let method = request.method.rawValue, route = request.route, requestID = request.requestID
        let capacity = Self.fixedBytesMax + ByteWriter.jsonStringBytesMax(method) + ByteWriter.jsonStringBytesMax(route)
            + ByteWriter.jsonStringBytesMax(requestID)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { memory in
            var line = ByteWriter(memory)
            line.write(#","level":"info","msg":"request","method":"#)
            line.writeString(method)
            line.write(#","route":"#)
            line.writeString(route)
            line.write(#","status":"#)
            line.writeInteger(status.code)
            line.write(#","duration_ms":"#)
            line.writeMilliseconds(duration)
            line.write(#","request_id":"#)
            line.writeString(requestID)
            logger.sink.append(fields: UnsafeRawBufferPointer(line.written))
        }
    }
}
