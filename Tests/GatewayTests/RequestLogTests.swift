import Foundation
@testable import Gateway
import HTTP
import HTTPServer
import Testing

@Suite struct RequestLogTests {
    /// Runs `body` with a logger whose sink writes to a pipe, then returns the lines written.
    static func lines(_ body: (Logger) -> Void) throws -> [String] {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let sink = LogSink(descriptor: fds[1], flushIntervalMilliseconds: 60_000)
        body(Logger(sink: sink))
        sink.stop()
        close(fds[1])
        let text = String(decoding: FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }

    /// The line without its `"ts":"…"` field, which differs per call.
    static func withoutTimestamp(_ line: String) -> Substring {
        line.drop { $0 != "," }
    }

    @Test func writesTheSameLineAsTheGeneralLogger() throws {
        let request = ServerRequest(http: HTTPRequest(method: .post, target: "/v1/payouts/x?y=1"),
                                    route: "/v1/payouts/{id}", requestID: "req_\"quoted\"")
        let lines = try Self.lines { logger in
            RequestLog(logger: logger, metrics: Metrics())
                .requestFinished(request, status: .unprocessableContent, duration: .microseconds(12_345_678))
            logger.info("request", [
                ("method", "POST"), ("route", "/v1/payouts/{id}"), ("status", 422),
                ("duration_ms", .duration(.microseconds(12_345_678))), ("request_id", "req_\"quoted\""),
            ])
        }
        try #require(lines.count == 2)
        #expect(Self.withoutTimestamp(lines[0]) == Self.withoutTimestamp(lines[1]))
        #expect(Self.withoutTimestamp(lines[0])
            == #","level":"info","msg":"request","method":"POST","route":"/v1/payouts/{id}","status":422,"duration_ms":12345.678,"request_id":"req_\"quoted\""}"#)
        #expect(lines[0].hasPrefix(#"{"ts":""#))
    }

    @Test(arguments: ["/plain", "", "/tab\there", "/ctl\u{1}\u{1f}", "/uni/\u{e9}\u{1F600}", String(repeating: "/long", count: 400)])
    func escapesRoutesAsTheGeneralLoggerDoes(route: String) throws {
        let request = ServerRequest(http: HTTPRequest(method: HTTPMethod("M\"X"), target: "/"), route: route, requestID: "id")
        let lines = try Self.lines { logger in
            RequestLog(logger: logger, metrics: Metrics()).requestFinished(request, status: .ok, duration: .nanoseconds(999))
            logger.info("request", [("method", "M\"X"), ("route", .string(route)), ("status", 200),
                                    ("duration_ms", .duration(.nanoseconds(999))), ("request_id", "id")])
        }
        try #require(lines.count == 2)
        #expect(Self.withoutTimestamp(lines[0]) == Self.withoutTimestamp(lines[1]))
    }

    @Test func writesNothingBelowTheMinimumLevel() throws {
        let lines = try Self.lines { logger in
            let quiet = Logger(sink: logger.sink, minimum: .warning)
            RequestLog(logger: quiet, metrics: Metrics())
                .requestFinished(ServerRequest(http: HTTPRequest(method: .get, target: "/")), status: .ok, duration: .zero)
        }
        #expect(lines.isEmpty)
    }

    @Test(arguments: [0, 7, 10, 99, 100, 1234, -5, Int.max, Int.min])
    func writesIntegersAsStringDoes(value: Int) {
        var buffer: [UInt8] = []
        JSONText.appendInteger(value, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == String(value))
    }
}
