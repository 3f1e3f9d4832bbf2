import JSON
/// A JSON value kept exactly enough to rebuild SingaPay's signed form [singapay.md §1.4]:
/// objects sorted by key bytes at every depth, arrays in order, no whitespace, and neither
/// non-ASCII characters nor "/" escaped (Python `json.dumps(sort_keys=True,
/// separators=(',',':'), ensure_ascii=False)`). Numbers keep their text, so nothing passes
/// through floating point.
indirect enum SingaPayJSON: Hashable {
    case object([String: SingaPayJSON])
    case array([SingaPayJSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The canonical bytes: what is hashed, signed and sent.
    var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // Byte order of UTF-8 equals code point order, which is what the docs sort by.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string(let text): Self.writeString(text, into: &out)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    /// Escapes only what JSON requires, as Python does with `ensure_ascii=False`.
    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension SingaPayJSON {
    /// Parses a whole document with the shared strict reader; nil when it is not exactly one
    /// JSON value. A member named twice keeps its last value.
    static func parse(_ bytes: [UInt8]) -> SingaPayJSON? {
        (try? JSONReader.parse(bytes, depthMax: 64)).map(SingaPayJSON.init)
    }

    private init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let text): self = .number(text)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map(SingaPayJSON.init))
        case .object(let members):
            var object: [String: SingaPayJSON] = [:]
            for member in members { object[member.key] = SingaPayJSON(member.value) }
            self = .object(object)
        }
    }
}
