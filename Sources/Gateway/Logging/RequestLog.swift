import HTTP
import HTTPServer

/// Logs one line per answered request and counts it in the metrics.
struct RequestLog: RequestObserver {
    let logger: Logger
    let metrics: Metrics

    func requestFinished(_ request: ServerRequest, status: HTTPStatus, duration: Duration) {
        metrics.record(method: request.method, route: request.route, routeIndex: request.routeIndex, status: status.code,
                       duration: duration)
        guard LogLevel.info >= logger.minimum else { return }
        // The same line `logger.info("request", [...])` writes, built in the sink's buffer
        // without an intermediate field list: this runs once per request on the event loop.
        logger.sink.append { buffer in
            JSONText.append(#","level":"info","msg":"request","method":"#, to: &buffer)
            JSONText.appendString(request.method.rawValue, to: &buffer)
            JSONText.append(#","route":"#, to: &buffer)
            JSONText.appendString(request.route, to: &buffer)
            JSONText.append(#","status":"#, to: &buffer)
            JSONText.appendInteger(status.code, to: &buffer)
            JSONText.append(#","duration_ms":"#, to: &buffer)
            JSONText.appendMilliseconds(duration, to: &buffer)
            JSONText.append(#","request_id":"#, to: &buffer)
            JSONText.appendString(request.requestID, to: &buffer)
        }
    }
}
