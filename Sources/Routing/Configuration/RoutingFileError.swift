/// Everything wrong with a ROUTING_FILE document, each problem at its JSON path, so an operator
/// fixes the file in one pass rather than one error per restart.
public struct RoutingFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One problem: where (`$.providers.duitku.clearings.bifast.max`) and what.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// JSONPath-style location of the offending value.
        public let path: String
        /// What is wrong and, where useful, what is allowed.
        public let message: String

        /// "path: message".
        public var description: String { "\(path): \(message)" }
    }

    /// Every problem found, in document order.
    public let problems: [Problem]

    /// One problem per line.
    public var description: String {
        "ROUTING_FILE has \(problems.count) problem(s):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
