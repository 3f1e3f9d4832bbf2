import Crypto
import Testing

@Test func constantTimeEqualsMatchesByteEquality() {
    #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
    #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
    #expect(!ConstantTime.equals([0, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
    #expect(ConstantTime.equals([UInt8](), [UInt8]()))
}

@Test func constantTimeEqualsRejectsLengthMismatch() {
    #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
    #expect(!ConstantTime.equals([UInt8](), [0] as [UInt8]))
    #expect(!ConstantTime.equals("abc", "abcd"))
}

@Test func constantTimeEqualsComparesStringsByUTF8() {
    #expect(ConstantTime.equals("c0794fa7", "c0794fa7"))
    #expect(!ConstantTime.equals("c0794fa7", "C0794FA7"))
    // Same characters, different code points: signatures are bytes, never normalized.
    #expect(!ConstantTime.equals("\u{e9}", "e\u{301}"))
}

@Test func constantTimeEqualsAcceptsMixedCollections() {
    let bytes: [UInt8] = [0, 1, 2, 3]
    #expect(ConstantTime.equals(bytes, UInt8(0)..<4))
    #expect(ConstantTime.equals(bytes[1...], [1, 2, 3] as [UInt8]))
}
