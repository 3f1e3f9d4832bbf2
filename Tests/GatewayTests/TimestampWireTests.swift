import Glibc
@testable import Gateway
import Payouts
import Testing

@Suite struct TimestampWireTests {
    @Test func writesRFC3339InUTCWithMicroseconds() {
        #expect(Timestamp(microsecondsSinceEpoch: 1_795_238_021_752_031).rfc3339 == "2026-11-21T05:13:41.752031Z")
        #expect(Timestamp(microsecondsSinceEpoch: 0).rfc3339 == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp(microsecondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59.999999Z")
        #expect(Timestamp(microsecondsSinceEpoch: 951_782_400_000_000).rfc3339 == "2000-02-29T00:00:00.000000Z")
        #expect(Timestamp(microsecondsSinceEpoch: 253_402_300_799_999_999).rfc3339 == "9999-12-31T23:59:59.999999Z")
    }

    @Test func agreesWithTheCLibraryAndReadsItsOwnOutputBack() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let micros = Int64.random(in: -2_208_988_800_000_000...253_402_300_799_999_999, using: &generator)
            let time = Timestamp(microsecondsSinceEpoch: micros)
            let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
            #expect(time.rfc3339.hasPrefix(Timestamp.secondsText(Int(seconds)) + "."), "\(micros)")
            #expect(Timestamp(rfc3339: time.rfc3339) == time, "\(micros)")
        }
    }

    /// One to nine fraction digits read, cut to microseconds; seven to nine once stopped the process.
    @Test(arguments: [
        ("2026-01-01T00:00:00.1Z", Int64(100_000)), ("2026-01-01T00:00:00.123456Z", 123_456),
        ("2026-01-01T00:00:00.1234567Z", 123_456), ("2026-01-01T00:00:00.123456789Z", 123_456),
    ])
    func readsEveryFractionLength(text: String, micros: Int64) throws {
        let midnight: Int64 = 1_767_225_600_000_000
        #expect(try #require(Timestamp(rfc3339: text)).microsecondsSinceEpoch == midnight + micros)
    }

    @Test func refusesTenFractionDigitsAndYearZero() {
        #expect(Timestamp(rfc3339: "2026-01-01T00:00:00.1234567891Z") == nil)
        #expect(Timestamp(rfc3339: "0000-01-01T00:00:00Z") == nil)
        #expect(Timestamp(rfc3339: "0001-01-01T00:00:00Z") != nil)
    }

    @Test func writesTimesAsJSONStringsOrNull() {
        var json = JSONWriter()
        json.object { json in
            json.field("at", Timestamp(microsecondsSinceEpoch: 1_000_000))
            json.field("never", nil as Timestamp?)
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"at":"1970-01-01T00:00:01.000000Z","never":null}"#)
    }
}
