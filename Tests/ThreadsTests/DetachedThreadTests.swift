import Foundation
import Testing
@testable import Threads

@Suite struct DetachedThreadTests {
    @Test(arguments: [
        ("http-loop-0", "http-loop-0"),
        ("postgres-listener", "postgres-listen"),
        ("http-client-12345", "http-client-123"),
        ("fifteen-bytes-x", "fifteen-bytes-x"),
        ("fourteen-bytesé", "fourteen-bytes"),
    ])
    func namesAreCutToWhatLinuxKeeps(name: String, kept: String) {
        #expect(DetachedThread.truncated(name) == kept)
    }

    @Test func runsTheBodyOnAThreadCarryingTheName() async throws {
        let comm = await withCheckedContinuation { continuation in
            DetachedThread.start(name: "postgres-listener", stackBytes: 256 * 1024) {
                continuation.resume(returning: try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))
            }
        }
        #expect(comm == "postgres-listen\n")
    }
}
