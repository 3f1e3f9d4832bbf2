import Glibc
import Sockets
import Testing

@Suite struct DescriptorLimitTests {
    @Test func raisesTheSoftLimitToTheHardOne() throws {
        let soft = try DescriptorLimit.raiseToHardLimit()
        var limit = rlimit()
        #expect(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0)
        #expect(limit.rlim_cur == limit.rlim_max)
        #expect(soft == Int(clamping: limit.rlim_cur))
    }
}
