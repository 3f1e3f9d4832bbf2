import Testing
import Threads

@Suite struct ConditionTests {
    /// A queue as the workers use it: consumers wait in a loop, producers signal.
    final class Queue: @unchecked Sendable {
        let condition = Condition()
        var items: [Int] = []
        var isClosed = false

        func put(_ item: Int) {
            condition.withLock { items.append(item) }
            condition.signal()
        }

        func close() {
            condition.withLock { isClosed = true }
            condition.broadcast()
        }

        /// The next item, waiting for one; nil once closed and empty.
        func take() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while items.isEmpty && !isClosed { condition.wait() }
            return items.isEmpty ? nil : items.removeFirst()
        }
    }

    @Test func waitersWakeForEveryItemAndForTheClose() async {
        let queue = Queue()
        let consumerCount = 4
        let sums = await withTaskGroup(of: Int.self) { group in
            for index in 0..<consumerCount {
                group.addTask {
                    await withCheckedContinuation { continuation in
                        DetachedThread.start(name: "consumer-\(index)") {
                            var sum = 0
                            while let item = queue.take() { sum += item }
                            continuation.resume(returning: sum)
                        }
                    }
                }
            }
            for item in 1...1_000 { queue.put(item) }
            queue.close()
            return await group.reduce(0, +)
        }
        #expect(sums == 500_500)
    }

    @Test func withLockReturnsAndRethrows() {
        struct Refused: Error {}
        let condition = Condition()
        #expect(condition.withLock { 42 } == 42)
        #expect(throws: Refused.self) { try condition.withLock { throw Refused() } }
        // The mutex was given back after the throw.
        #expect(condition.withLock { true })
    }
}
