import HTTP
import HTTPServer

/// Logs one line per answered request and counts it in the metrics.
struct RequestLog: RequestObserver {
    let logger: Logger
    let metrics: Metrics

    func requestFinished(_ request: ServerRequest, status: HTTPStatus, duration: Duration) {
        metrics.record(method: request.method, route: request.route, status: status.code, duration: duration)
        logger.info("request", [
            ("method", .string(request.method.rawValue)),
            ("route", .string(request.route)),
            ("status", .integer(status.code)),
            ("duration_ms", .duration(duration)),
            ("request_id", .string(request.requestID)),
        ])
    }
}
