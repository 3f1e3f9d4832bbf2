import HTTP
import Testing

/// Each limit at exactly its value (accepted) and one byte or field past it (refused).
@Suite struct RequestParserLimitTests {
    static func request(target: String = "/", fields: [String] = [], body: String = "") -> String {
        "POST \(target) HTTP/1.1\r\nHost: x\r\n" + fields.map { $0 + "\r\n" }.joined() + "\r\n" + body
    }

    @Test func requestLineAtTheLimitIsAccepted() throws {
        let limits = HTTPLimits(requestLineBytesMax: 32)
        // "POST " + target + " HTTP/1.1\r\n" is 16 bytes plus the target.
        let text = Self.request(target: "/" + String(repeating: "a", count: 15))
        #expect(try parseRequests(text, limits: limits).count == 1)
    }

    @Test func requestLineOnePastTheLimitIsRefused() {
        let limits = HTTPLimits(requestLineBytesMax: 32)
        let text = Self.request(target: "/" + String(repeating: "a", count: 16))
        #expect(parseError(text, limits: limits) == .requestHeaderFieldsTooLarge)
    }

    @Test func requestLineIsRefusedAsSoonAsItOutgrowsTheLimit() {
        let limits = HTTPLimits(requestLineBytesMax: 32)
        // 31 bytes without CRLF could still end within the limit; 32 cannot.
        #expect(parseError("POST /" + String(repeating: "a", count: 25), limits: limits) == nil)
        #expect(parseError("POST /" + String(repeating: "a", count: 26), limits: limits) == .requestHeaderFieldsTooLarge)
    }

    @Test func headAtTheLimitIsAccepted() throws {
        // Request line 17 + Host 9 + "X: v\r\n" 5 + v + final CRLF 2 = 33 + v.
        let limits = HTTPLimits(headerBytesMax: 64)
        let text = Self.request(target: "/", fields: ["X: " + String(repeating: "v", count: 31)])
        #expect(try parseRequests(text, limits: limits).count == 1)
    }

    @Test func headOnePastTheLimitIsRefused() {
        let limits = HTTPLimits(headerBytesMax: 64)
        let text = Self.request(target: "/", fields: ["X: " + String(repeating: "v", count: 32)])
        #expect(parseError(text, limits: limits) == .requestHeaderFieldsTooLarge)
        // Without the final CRLF the head is refused once it cannot fit any more.
        let open = "POST / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "v", count: 38)
        #expect(parseError(open, limits: limits) == .requestHeaderFieldsTooLarge)
        #expect(parseError(String(open.dropLast()), limits: limits) == nil)
    }

    @Test func headerCountAtTheLimitIsAccepted() throws {
        let limits = HTTPLimits(headerCountMax: 3)
        #expect(try parseRequests(Self.request(fields: ["A: 1", "B: 2"]), limits: limits).count == 1)
    }

    @Test func headerCountOnePastTheLimitIsRefused() {
        let limits = HTTPLimits(headerCountMax: 3)
        #expect(parseError(Self.request(fields: ["A: 1", "B: 2", "C: 3"]), limits: limits) == .requestHeaderFieldsTooLarge)
    }

    @Test func contentLengthAtTheLimitIsAccepted() throws {
        let limits = HTTPLimits(bodyBytesMax: 10)
        let requests = try parseRequests(Self.request(fields: ["Content-Length: 10"], body: "0123456789"), limits: limits)
        #expect(requests.first?.body.count == 10)
    }

    @Test func contentLengthOnePastTheLimitIsRefusedBeforeTheBody() {
        let limits = HTTPLimits(bodyBytesMax: 10)
        #expect(parseError(Self.request(fields: ["Content-Length: 11"]), limits: limits) == .payloadTooLarge)
        let expecting = Self.request(fields: ["Expect: 100-continue", "Content-Length: 11"])
        #expect(parseError(expecting, limits: limits) == .payloadTooLarge)
        let huge = Self.request(fields: ["Content-Length: 99999999999999999999999999"])
        #expect(parseError(huge, limits: limits) == .payloadTooLarge)
    }

    @Test func chunkedBodyAtTheLimitIsAccepted() throws {
        let limits = HTTPLimits(bodyBytesMax: 10)
        let text = Self.request(fields: ["Transfer-Encoding: chunked"], body: "4\r\nabcd\r\n6\r\nefghij\r\n0\r\n\r\n")
        #expect(try parseRequests(text, limits: limits).first?.body.count == 10)
    }

    @Test func chunkedBodyOnePastTheLimitIsRefused() {
        let limits = HTTPLimits(bodyBytesMax: 10)
        let text = Self.request(fields: ["Transfer-Encoding: chunked"], body: "4\r\nabcd\r\n7\r\n")
        #expect(parseError(text, limits: limits) == .payloadTooLarge)
    }

    @Test func trailerSectionHasTheHeadLimits() {
        let limits = HTTPLimits(headerBytesMax: 64, headerCountMax: 2)
        let chunked = Self.request(fields: ["Transfer-Encoding: chunked"], body: "0\r\n")
        #expect(parseError(chunked + "A: 1\r\nB: 2\r\n\r\n", limits: limits) == nil)
        #expect(parseError(chunked + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits) == .requestHeaderFieldsTooLarge)
        let long = "T: " + String(repeating: "t", count: 60) + "\r\n"
        #expect(parseError(chunked + long + "\r\n", limits: limits) == .requestHeaderFieldsTooLarge)
    }
}
