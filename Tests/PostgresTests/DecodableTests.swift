@testable import Postgres
import Testing

@Suite struct DecodableTests {
    @Test func readsIntegersAsTheStandardLibraryDoes() {
        let texts = ["0", "-0", "+7", "42", "-42", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                     "-9223372036854775809", "2147483647", "2147483648", "-2147483649", "", "-", "+", "1a", " 1", "1 ",
                     "٣", "00012", "99999999999999999999"]
        for text in texts {
            #expect(Int64(postgresText: text) == Int64(text, radix: 10), "\(text)")
            #expect(Int32(postgresText: text) == Int32(text, radix: 10), "\(text)")
            #expect(Int(postgresText: text) == Int(text, radix: 10), "\(text)")
        }
        for _ in 0..<10_000 {
            let value = Int64.random(in: .min ... .max)
            #expect(Int64(postgresText: String(value)) == value)
        }
    }
}
