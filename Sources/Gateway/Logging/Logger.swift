import JSON

/// A value in a structured log line.
public enum LogValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case integer(Int)
    /// A duration, written in milliseconds with microsecond precision.
    case duration(Duration)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
}

/// Structured JSON-lines logging. Never pass secrets or account numbers as values: nothing
/// here can tell them apart from other text.
public struct Logger: Sendable {
    public let sink: LogSink
    public let minimum: LogLevel

    public init(sink: LogSink, minimum: LogLevel = .info) {
        self.sink = sink
        self.minimum = minimum
    }

    public func log(_ level: LogLevel, _ message: String, _ fields: [(String, LogValue)] = []) {
        guard level >= minimum else { return }
        sink.append { buffer in
            buffer.append(contentsOf: #","level":""#.utf8)
            buffer.append(contentsOf: level.rawValue.utf8)
            buffer.append(contentsOf: #"","msg":"#.utf8)
            JSONString.append(message, to: &buffer)
            for (key, value) in fields {
                buffer.append(UInt8(ascii: ","))
                JSONString.append(key, to: &buffer)
                buffer.append(UInt8(ascii: ":"))
                switch value {
                case .string(let text): JSONString.append(text, to: &buffer)
                case .integer(let number): JSONText.appendInteger(number, to: &buffer)
                case .duration(let duration): JSONText.appendMilliseconds(duration, to: &buffer)
                }
            }
        }
    }

    public func info(_ message: String, _ fields: [(String, LogValue)] = []) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: [(String, LogValue)] = []) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: [(String, LogValue)] = []) { log(.error, message, fields) }
}
