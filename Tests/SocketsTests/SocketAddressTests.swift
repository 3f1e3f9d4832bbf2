import Sockets
import Testing

@Suite struct SocketAddressTests {
    @Test(arguments: [
        "127.0.0.1", "127.255.0.9", "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "100.127.255.255", "0.0.0.0", "198.18.0.1", "192.0.0.8", "224.0.0.1", "255.255.255.255",
        "2130706433", "0x7f.1", "::", "::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "64:ff9b::a00:1", "fc00::1",
        "fd12:3456::1", "fe80::1", "ff02::1",
    ])
    func refusesAddressesOffThePublicInternet(host: String) throws {
        let address = try #require(SocketAddress.numeric(host: host, port: 443))
        #expect(!address.isPublic, "\(host) is \(address.host)")
    }

    @Test(arguments: ["8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
                      "192.0.2.1", "203.0.113.7", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])
    func acceptsPublicAddresses(host: String) throws {
        let address = try #require(SocketAddress.numeric(host: host, port: 443))
        #expect(address.isPublic, "\(host)")
    }

    @Test func aNameIsNotNumeric() {
        #expect(SocketAddress.numeric(host: "localhost", port: 80) == nil)
        #expect(SocketAddress.numeric(host: "example.com", port: 80) == nil)
    }
}
