/// Every destination the gateway knows, looked up by any code scheme.
public struct BankDirectory: Sendable {
    /// The institutions, in the order given (major banks first in `standard`).
    public let banks: [Bank]
    private let indexByKey: [String: Int]
    private let indexByID: [String: Int]

    /// Builds a directory; two banks claiming the same lookup key is a data mistake and traps.
    public init(banks: [Bank]) {
        var index: [String: Int] = [:]
        for (position, bank) in banks.enumerated() {
            for key in bank.lookupKeys.map(Self.normalized) {
                if let other = index[key], other != position {
                    preconditionFailure("'\(key)' names both \(banks[other].id) and \(bank.id)")
                }
                index[key] = position
            }
        }
        self.banks = banks
        self.indexByKey = index
        self.indexByID = Dictionary(banks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The bank with exactly this id, as stored: no normalising, for reading rows back.
    public func bank(id: String) -> Bank? {
        indexByID[id].map { banks[$0] }
    }

    /// The bank named by any scheme: BI code ("014"), SWIFT ("CENAIDJA"), id ("bca"), Durianpay
    /// code, Duitku e-wallet code ("1010") or an alias; case-insensitive, surrounding space ignored.
    public func lookup(_ code: String) -> Bank? {
        indexByKey[Self.normalized(code)].map { banks[$0] }
    }

    /// Close matches for a code that did not resolve, best first: by prefix of a code or id
    /// (`01` → BI codes 01x), by edit distance to a code, id, alias or name (`bcaa` → `bca`),
    /// and by a word of the name (`mandri` → Mandiri, Mandiri Taspen, Syariah Mandiri).
    public func suggestions(for unknown: String, limit: Int = 3) -> [Bank] {
        let query = Self.normalized(unknown)
        guard !query.isEmpty, limit > 0 else { return [] }
        let scored = banks.enumerated().compactMap { position, bank in
            Suggestion.score(query, against: bank).map { (score: $0, position: position) }
        }
        return scored
            .sorted { ($0.score, $0.position) < ($1.score, $1.position) }
            .prefix(limit)
            .map { banks[$0.position] }
    }

    /// Lowercased, trimmed, with `_`, `-` and runs of spaces read as one space, so that
    /// "BCA-Syariah", "bca_syariah" and " bca  syariah " are the same key.
    static func normalized(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" || $0 == "-" })
        return words.joined(separator: " ")
    }
}
