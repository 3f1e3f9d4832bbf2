@testable import Gateway
import HTTP
import HTTPServer
import Testing

@Suite struct CSVNegotiationTests {
    static func wantsCSV(_ accept: String?) -> Bool {
        let headers = HTTPHeaders(accept.map { [("Accept", $0)] } ?? [])
        return CSVExport.isWanted(ServerRequest(http: HTTPRequest(method: .get, target: "/v1/payouts", headers: headers)))
    }

    @Test(arguments: [
        "text/csv",
        "Text/CSV; charset=utf-8",
        "application/json, text/csv",
        "text/csv;q=0.5, */*;q=0.1",
        "text/csv;q=0.5, application/json;q=0.5",
        "text/csv;q=0.5, application/*;q=0.9, application/json;q=0.2",
    ])
    func servesCSVWhenAskedAtLeastAsMuchAsJSON(accept: String) {
        #expect(Self.wantsCSV(accept), "\(accept)")
    }

    @Test(arguments: [
        "application/json",
        "*/*",
        "text/*",
        "text/csv;q=0",
        "text/csv;q=0.000, application/json",
        "text/csv;q=0.5, application/json",
        "text/csv;q=0.5, */*",
        // Ranges holding nothing but separators name no type (one once stopped the process).
        "text/csv;q=0,;", ";", ";;,;",
    ])
    func servesJSONOtherwise(accept: String) {
        #expect(!Self.wantsCSV(accept), "\(accept)")
    }

    @Test func servesJSONWithoutAnAcceptField() {
        #expect(!Self.wantsCSV(nil))
    }

    @Test func readsQValuesInThousandths() {
        #expect(CSVExport.thousandths("1") == 1000)
        #expect(CSVExport.thousandths("1.000") == 1000)
        #expect(CSVExport.thousandths("0.5") == 500)
        #expect(CSVExport.thousandths("0.05") == 50)
        #expect(CSVExport.thousandths("0.001") == 1)
        #expect(CSVExport.thousandths("0") == 0)
        for bad in ["1.5", "2", "0.0001", "", ".5", "0.x", "-0", "01"] {
            #expect(CSVExport.thousandths(Substring(bad)) == nil, "\(bad)")
        }
    }
}
