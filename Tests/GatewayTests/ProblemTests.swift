import Foundation
@testable import Gateway
import HTTP
import HTTPServer
import Testing

@Suite struct ProblemTests {
    static let responder = ProblemResponder(logger: Logger(sink: LogSink(descriptor: -1)))

    /// Every server error maps to one catalogue entry; every entry is produced by something.
    @Test(arguments: [
        (HTTPServerError.malformedRequest(.badRequest("missing Host")), ProblemKind.malformedRequest),
        (.malformedRequest(.requestHeaderFieldsTooLarge), .headersTooLarge),
        (.malformedRequest(.payloadTooLarge), .payloadTooLarge),
        (.malformedRequest(.unsupportedTransferEncoding), .notImplemented),
        (.malformedRequest(.versionNotSupported), .versionNotSupported),
        (.routeNotFound(path: "/x"), .notFound),
        (.methodNotAllowed(allowed: [.get]), .methodNotAllowed),
        (.requestTimedOut, .requestTimeout),
        (.handlerTimedOut, .handlerTimeout),
        (.overloaded, .overloaded),
    ])
    func mapsServerErrors(error: HTTPServerError, kind: ProblemKind) throws {
        let response = Self.responder.respond(to: error, for: ServerRequest(http: HTTPRequest(method: .get, target: "/x"), requestID: "r"))
        #expect(response.status == kind.status)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(body["code"] as? String == kind.code)
        #expect(body["type"] as? String == "/problems/\(kind.code)")
        #expect(body["status"] as? Int == kind.status.code)
        #expect(body["title"] as? String == kind.title)
        #expect(body["instance"] as? String == "/x")
        #expect(body["request_id"] as? String == "r")
        #expect((body["detail"] as? String)?.isEmpty == false)
    }

    @Test func unknownErrorsBecomeAGeneric500WithoutTheirText() throws {
        struct Secret: Error { let text = "account 1234567890" }
        let response = Self.responder.respond(to: Secret(), for: ServerRequest(http: HTTPRequest(method: .get, target: "/y"), requestID: "r2"))
        #expect(response.status.code == 500)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains(#""code":"internal_error""#))
        #expect(!text.contains("1234567890"))
    }

    @Test func everyKindHasADistinctCodeAndStatus() {
        let codes = Set(ProblemKind.allCases.map(\.code))
        #expect(codes.count == ProblemKind.allCases.count)
        for kind in ProblemKind.allCases { #expect((400...599).contains(kind.status.code)) }
    }

    @Test func fieldErrorsAreListed() throws {
        let problem = Problem(.malformedRequest, detail: "bad", errors: [.init(field: "amount", message: "must be a decimal string")])
        let response = problem.response(instance: "/v1/payouts", requestID: "r3")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let errors = try #require(body["errors"] as? [[String: String]])
        #expect(errors == [["field": "amount", "message": "must be a decimal string"]])
    }
}

extension ProblemTests {
    @Test func writesMembersInNameOrderWithDocumentsEmbedded() throws {
        var problem = Problem(.noRoute, detail: "No provider can send this payout.", extensions: ["payout_id": "po_1"])
        problem.documents["routing"] = #"{"chosen":null,"candidates":[]}"#
        problem.documents["broken"] = "{nope"
        let text = String(decoding: problem.response(instance: "/v1/payouts", requestID: "r4").body, as: UTF8.self)
        #expect(text == #"{"broken":null,"code":"no_route","detail":"No provider can send this payout.","#
            + #""instance":"/v1/payouts","payout_id":"po_1","request_id":"r4","routing":{"chosen":null,"candidates":[]},"#
            + #""status":\#(ProblemKind.noRoute.status.code),"title":"\#(ProblemKind.noRoute.title)","type":"/problems/no_route"}"#)
    }
}
