import Crypto
import Testing

@Test func hexEncodesLowercase() {
    #expect(Hex.encode([UInt8]()) == "")
    #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
}

@Test func hexRoundTripsEveryByte() {
    let all = [UInt8](0...255)
    #expect(Hex.decode(Hex.encode(all)) == all)
}

@Test func hexDecodesEitherCase() {
    #expect(Hex.decode("DEADbeef") == [0xde, 0xad, 0xbe, 0xef])
    #expect(Hex.decode("") == [])
}

@Test(arguments: ["abc", "0g", "zz", " 00", "00 ", "0x00", "é0", "-1"])
func hexRejectsMalformedText(_ text: String) {
    #expect(Hex.decode(text) == nil)
}
