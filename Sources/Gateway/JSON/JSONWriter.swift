import JSON

/// Writes JSON in the order fields are given, straight into bytes. Used for every API answer so
/// the bytes are stable (an idempotent replay returns exactly the first answer) and cheap.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    init() { bytes.reserveCapacity(512) }

    /// For answers whose size is known roughly (a page of payouts), so the buffer grows once.
    init(reservingCapacity capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// An object or array written across calls (a page written as its rows arrive): each
    /// `begin` is matched by its `end` once the members are written.
    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member name inside an object; the value written next belongs to it.
    mutating func key(_ name: String) {
        separate()
        JSONString.append(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
        pendingValue = true
    }

    mutating func string(_ value: String) { beginValue(); JSONString.append(value, to: &bytes) }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    mutating func integer(_ value: Int) { beginValue(); bytes.append(contentsOf: String(value).utf8) }
    mutating func bool(_ value: Bool) { beginValue(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    mutating func null() { beginValue(); bytes.append(contentsOf: "null".utf8) }
    /// A string whose bytes `write` appends; they must need no escaping (digits, ASCII letters, `-:.`).
    mutating func plainString(_ write: (inout [UInt8]) -> Void) {
        beginValue()
        bytes.append(UInt8(ascii: "\""))
        write(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }
    /// Already-encoded JSON (for example a stored document).
    mutating func raw(_ json: [UInt8]) { beginValue(); bytes.append(contentsOf: json) }
    /// A JSON document kept as text (a stored routing decision), copied straight from its storage.
    mutating func raw(_ json: String) {
        beginValue()
        var json = json
        json.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    mutating func field(_ name: String, _ value: Int) { key(name); integer(value) }
    mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }

    private var pendingValue = false

    private mutating func beginValue() {
        if pendingValue {
            pendingValue = false
        } else {
            separate()
        }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func open(_ byte: UInt8) {
        beginValue()
        bytes.append(byte)
        needsComma.append(false)
    }

    private mutating func close(_ byte: UInt8) {
        needsComma.removeLast()
        bytes.append(byte)
    }
}
