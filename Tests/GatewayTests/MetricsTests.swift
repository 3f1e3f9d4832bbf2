@testable import Gateway
import HTTP
import Testing

@Suite struct MetricsTests {
    @Test func countsRequestsByRouteAndStatusWithCumulativeBuckets() {
        let metrics = Metrics()
        metrics.record(method: .get, route: "/healthz", status: 200, duration: .microseconds(300))
        metrics.record(method: .get, route: "/healthz", status: 200, duration: .milliseconds(3))
        metrics.record(method: .post, route: "/v1/payouts", status: 422, duration: .seconds(20))
        let text = metrics.render(gauges: [("http_open_connections", "Open.", 4)])
        #expect(text.contains(#"http_requests_total{method="GET",route="/healthz",status="200"} 2"#))
        #expect(text.contains(#"http_requests_total{method="POST",route="/v1/payouts",status="422"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/healthz",le="0.0005"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/healthz",le="0.005"} 2"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/v1/payouts",le="10"} 0"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/v1/payouts",le="+Inf"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_sum{route="/healthz"} 0.0033"#))
        #expect(text.contains("# TYPE http_open_connections gauge\nhttp_open_connections 4\n"))
    }

    @Test func countsUnknownMethodsTogether() {
        let metrics = Metrics()
        for index in 0..<100 {
            metrics.record(method: HTTPMethod("X\(index)"), route: "unmatched", status: 404, duration: .microseconds(300))
        }
        metrics.record(method: .delete, route: "unmatched", status: 404, duration: .microseconds(300))
        let text = metrics.render(gauges: [])
        #expect(text.contains(#"http_requests_total{method="OTHER",route="unmatched",status="404"} 100"#))
        #expect(text.contains(#"http_requests_total{method="DELETE",route="unmatched",status="404"} 1"#))
        #expect(!text.contains(#"method="X"#))
    }

    @Test func addsUpARoutesCountsWhetherRecordedByNumberOrByName() {
        let metrics = Metrics()
        metrics.record(method: .get, route: "/healthz", routeIndex: 0, status: 200, duration: .microseconds(300))
        metrics.record(method: .get, route: "/healthz", status: 200, duration: .microseconds(300))
        metrics.record(method: .head, route: "/healthz", routeIndex: 0, status: 200, duration: .microseconds(300))
        metrics.record(method: .get, route: "/healthz", routeIndex: 0, status: 503, duration: .microseconds(300))
        // Another router's route with the same number keeps its own name.
        metrics.record(method: .get, route: "/other", routeIndex: 0, status: 200, duration: .microseconds(300))
        let text = metrics.render(gauges: [])
        #expect(text.contains(#"http_requests_total{method="GET",route="/healthz",status="200"} 2"#))
        #expect(text.contains(#"http_requests_total{method="HEAD",route="/healthz",status="200"} 1"#))
        #expect(text.contains(#"http_requests_total{method="GET",route="/healthz",status="503"} 1"#))
        #expect(text.contains(#"http_requests_total{method="GET",route="/other",status="200"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_count{route="/healthz"} 4"#))
        #expect(text.contains(#"http_request_duration_seconds_count{route="/other"} 1"#))
    }

    @Test func countsFromManyThreadsAddUp() async {
        let metrics = Metrics()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for _ in 0..<1000 {
                        metrics.record(method: .get, route: "/r\(task % 2)", routeIndex: task % 2, status: 200, duration: .microseconds(1))
                    }
                }
            }
        }
        let text = metrics.render(gauges: [])
        #expect(text.contains(#"http_requests_total{method="GET",route="/r0",status="200"} 4000"#))
        #expect(text.contains(#"http_requests_total{method="GET",route="/r1",status="200"} 4000"#))
    }

    @Test(arguments: [(0, "0"), (500, "0.0005"), (1_000_000, "1"), (2_500_000, "2.5"), (12_345_678, "12.345678")])
    func writesSecondsWithoutFloatingPoint(micros: Int, text: String) {
        #expect(Metrics.seconds(micros) == text)
    }
}
