import HTTP
import HTTPServer
import Testing
import TestSupport

@Suite struct RouterTests {
    static let ok = Handler.inline { _ in HTTPResponse(status: .ok) }

    static var router: Router {
        var router = Router()
        router.get("/v1/payouts", ok)
        router.post("/v1/payouts", ok)
        router.get("/v1/payouts/{id}", ok)
        router.post("/v1/payouts/{id}/cancel", ok)
        return router
    }

    @Test func matchesStaticAndParameterisedPaths() {
        guard case .found(_, let route, let parameters, _) = Self.router.match(.get, path: "/v1/payouts/po_123") else {
            Issue.record("no match")
            return
        }
        #expect(route == "/v1/payouts/{id}")
        #expect(parameters == ["id": "po_123"])
        guard case .found(_, let staticRoute, _, _) = Self.router.match(.post, path: "/v1/payouts") else {
            Issue.record("no match")
            return
        }
        #expect(staticRoute == "/v1/payouts")
    }

    @Test func numbersRoutesInTheOrderTheyWereAdded() {
        let router = Self.router
        #expect(router.routeCount == 4)
        for (method, path, index) in [(HTTPMethod.get, "/v1/payouts", 0), (.post, "/v1/payouts", 1), (.head, "/v1/payouts", 0),
                                      (.get, "/v1/payouts/x", 2), (.head, "/v1/payouts/x", 2), (.post, "/v1/payouts/x/cancel", 3)] {
            guard case .found(_, _, _, let found) = router.match(method, path: path) else {
                Issue.record("no match for \(method) \(path)")
                continue
            }
            #expect(found == index, "\(method) \(path)")
        }
    }

    @Test func decodesPercentEncodedParameters() {
        guard case .found(_, _, let parameters, _) = Self.router.match(.get, path: "/v1/payouts/a%20b") else {
            Issue.record("no match")
            return
        }
        #expect(parameters["id"] == "a b")
    }

    @Test func aParameterHoldingNULMatchesNoRoute() {
        guard case .notFound = Self.router.match(.get, path: "/v1/payouts/po_1%00") else {
            Issue.record("a NUL in a path parameter matched a route")
            return
        }
        guard case .found = Self.router.match(.get, path: "/v1/payouts/po_1%01") else {
            Issue.record("another control character stopped matching")
            return
        }
    }

    @Test func headFallsBackToGet() {
        guard case .found(_, let route, _, _) = Self.router.match(.head, path: "/v1/payouts/x") else {
            Issue.record("no match")
            return
        }
        #expect(route == "/v1/payouts/{id}")
    }

    @Test func reportsAllowedMethodsForAKnownPath() {
        guard case .methodNotAllowed(let allowed) = Self.router.match(.delete, path: "/v1/payouts") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .head, .post])
        guard case .methodNotAllowed(let cancel) = Self.router.match(.get, path: "/v1/payouts/x/cancel") else {
            Issue.record("expected 405")
            return
        }
        #expect(cancel == [.post])
    }

    @Test(arguments: ["/v1/payout", "/v1/payouts/x/y", "/v1/payouts//cancel", "/", ""])
    func unknownPathsAreNotFound(path: String) {
        guard case .notFound = Self.router.match(.get, path: path) else {
            Issue.record("expected 404 for \(path)")
            return
        }
    }

    @Test func decodesQueryItems() {
        let request = ServerRequest(http: HTTPRequest(method: .get, target: "/x?a=1&b=two+words&c=%41%42&d&a=2"))
        let items = request.queryItems
        #expect(items.map(\.name) == ["a", "b", "c", "d", "a"])
        #expect(items.map(\.value) == ["1", "two words", "AB", "", "2"])
    }

    @Test func respondsInProcessWithRequestID() async {
        let responder = Responder(router: Self.router, errorResponder: { _, _ in HTTPResponse(status: .notFound) })
        let found = await responder.respond(to: HTTPRequest(method: .get, target: "/v1/payouts"), requestID: "r1")
        #expect(found.status == .ok)
        #expect(found.headers["X-Request-Id"] == "r1")
        let missing = await responder.respond(to: HTTPRequest(method: .get, target: "/nope"))
        #expect(missing.status == .notFound)
    }
}
