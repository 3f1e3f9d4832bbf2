@testable import HTTPServer
import Testing

@Suite struct RequestIDTests {
    @Test(arguments: [0, 1, 35, 36, 1295, 1296, 123_456_789, UInt64.max])
    func writesBase36AsTheStandardLibraryDoes(value: UInt64) {
        var digits = [UInt8](repeating: 0, count: 13)
        let count = digits.withUnsafeMutableBufferPointer { RequestID.appendBase36(value, to: $0) }
        #expect(String(decoding: digits[..<count], as: UTF8.self) == String(value, radix: 36))
    }

    @Test func madeIdsShareAPrefixAndCount() throws {
        let first = RequestID.make()
        let second = RequestID.make()
        let parts = first.split(separator: "_")
        try #require(parts.count == 3)
        #expect(parts[0] == "req")
        #expect(second.hasPrefix("req_\(parts[1])_"))
        let n1 = try #require(UInt64(parts[2], radix: 36))
        let n2 = try #require(UInt64(second.split(separator: "_")[2], radix: 36))
        #expect(n2 > n1)
        #expect(RequestID.accept(first) == first)
    }
}
