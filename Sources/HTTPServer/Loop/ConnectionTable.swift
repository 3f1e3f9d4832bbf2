/// A loop's connections by descriptor. The kernel hands out the lowest free descriptor, so
/// they stay small and dense: an array indexed by them is both compact and a plain load to
/// look up, where a dictionary would hash on every readiness event.
struct ConnectionTable {
    private var slots: [Connection?] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    subscript(descriptor: Int32) -> Connection? {
        get {
            let index = Int(descriptor)
            return index >= 0 && index < slots.count ? slots[index] : nil
        }
        set {
            let index = Int(descriptor)
            precondition(index >= 0, "descriptors are never negative")
            if index >= slots.count {
                guard newValue != nil else { return }
                slots.append(contentsOf: repeatElement(nil, count: Swift.max(index + 1, 2 * slots.count) - slots.count))
            }
            if slots[index] == nil, newValue != nil { count += 1 }
            if slots[index] != nil, newValue == nil { count -= 1 }
            slots[index] = newValue
        }
    }

    /// Every connection, as a snapshot that stays valid while some are closed.
    var all: [Connection] { slots.compactMap { $0 } }
}
