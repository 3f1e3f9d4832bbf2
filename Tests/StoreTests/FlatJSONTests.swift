import Payouts
@testable import Store
import Testing

@Suite struct FlatJSONTests {
    @Test func metadataRoundTripsWithEscapesAndSortedKeys() {
        let map = ["team": #"a"b\c"#, "note": "line\nbreak", "kota": "Surabaya–Jawa Timur", "a": ""]
        let text = FlatJSON.encode(map)
        #expect(text == #"{"a":"","kota":"Surabaya–Jawa Timur","note":"line\nbreak","team":"a\"b\\c"}"#)
        #expect(FlatJSON.decodeStringMap(text) == map)
        #expect(FlatJSON.encode([:]) == "{}")
    }

    @Test func metadataKeepsOnlyStringMembers() {
        #expect(FlatJSON.decodeStringMap(#"{"a": "x", "b": 1, "c": null, "d": {"e": "f"}}"#) == ["a": "x"])
        #expect(FlatJSON.decodeStringMap("[1]") == nil)
        #expect(FlatJSON.decodeStringMap("{") == nil)
        #expect(FlatJSON.decodeStringMap(nil) == nil)
    }

    @Test func failureRoundTripsWithAndWithoutItsProvider() {
        let full = PayoutFailure(code: .invalidAccount, message: "no such account", provider: .duitku,
                                 providerCode: "-140", isRetryable: false)
        let text = FlatJSON.encode(full)
        #expect(text == #"{"code":"invalid_account","message":"no such account","provider":"duitku","provider_code":"-140","retryable":false}"#)
        #expect(FlatJSON.decodeFailure(text) == full)
        let bare = PayoutFailure(code: .providerUnavailable, message: "", provider: nil, providerCode: nil, isRetryable: true)
        #expect(FlatJSON.decodeFailure(FlatJSON.encode(bare)) == bare)
    }

    @Test func failureMembersOfAnotherTypeReadAsAbsent() {
        let failure = FlatJSON.decodeFailure(#"{"code": "invalid_account", "message": 5, "provider": "nobody", "retryable": "yes"}"#)
        #expect(failure == PayoutFailure(code: .invalidAccount, message: "", provider: nil, providerCode: nil, isRetryable: false))
        #expect(FlatJSON.decodeFailure(#"{"code": "no_such_code"}"#) == nil)
        #expect(FlatJSON.decodeFailure(#"{"message": "x"}"#) == nil)
    }
}
