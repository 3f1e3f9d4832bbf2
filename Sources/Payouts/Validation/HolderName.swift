/// An account holder's name reduced to the words that identify the person: lowercased, accents
/// and punctuation gone, honorifics, degrees and patronymic connectors dropped.
///
/// Names arrive written by clients ("Bpk. H. Budi Santoso, S.E.") and by banks ("BUDI SANTOSO"),
/// so only what both sides would write survives. Pure: no Foundation, no locale.
public struct HolderName: Hashable, Sendable {
    /// The identifying words in the order written.
    public let tokens: [NameToken]
    /// The company forms written with the name (`pt`, `cv`, `ud`), whatever their place.
    public let companyForms: Set<String>

    /// Reads `text`; `tokens` is empty when nothing but titles, digits or punctuation was given.
    public init(_ text: String) {
        // A company form written with dots ("P.T.") is one word, as it is without them.
        var chunks = Self.chunks(text).map { chunk in
            NameVocabulary.companyForms.contains(chunk.compact) || NameVocabulary.companyQualifiers.contains(chunk.compact)
                ? Chunk(compact: chunk.compact, pieces: [chunk.compact], isAfterComma: chunk.isAfterComma) : chunk
        }
        Self.dropDegrees(&chunks)
        var words = chunks.flatMap(\.pieces).filter { !NameVocabulary.connectors.contains($0) }
        companyForms = Set(words.filter { NameVocabulary.companyForms.contains($0) })
        let company = words.filter { !NameVocabulary.companyForms.contains($0) && !NameVocabulary.companyQualifiers.contains($0) }
        if !company.isEmpty { words = company }
        // Honorifics lead the name ("Bpk. H. Budi"); one word is always kept, so "Haji" alone stays.
        while words.count > 1, NameVocabulary.honorifics.contains(words[0]) {
            words.removeFirst()
        }
        tokens = words.map(NameToken.init)
    }

    /// A whitespace- or comma-separated chunk as written, e.g. `S.Kom` or `M.Ridwan`.
    struct Chunk {
        /// Its letters only (`skom`), to recognise degrees written with dots.
        var compact: String
        /// Its words, split at dots, hyphens and other punctuation (`m`, `ridwan`).
        var pieces: [String]
        /// Whether it follows a comma, where Indonesian names put degrees ("Budi, S.E., M.M.").
        var isAfterComma: Bool
    }

    static func chunks(_ text: String) -> [Chunk] {
        var chunks: [Chunk] = []
        var pieces: [String] = []
        var piece = ""
        var afterComma = false
        func endPiece() {
            if !piece.isEmpty { pieces.append(piece) }
            piece = ""
        }
        func endChunk() {
            endPiece()
            if !pieces.isEmpty { chunks.append(Chunk(compact: pieces.joined(), pieces: pieces, isAfterComma: afterComma)) }
            pieces = []
        }
        for character in text {
            if let letters = NameVocabulary.folded(character) {
                piece += letters
            } else if NameVocabulary.apostrophes.contains(character) {
                continue  // "Ma'ruf" is written "MARUF" by banks
            } else if character.isWhitespace || character == "," {
                endChunk()
                if character == "," { afterComma = true }
            } else {
                endPiece()  // dots, hyphens, digits and other marks separate words
            }
        }
        endChunk()
        return chunks
    }

    /// Removes degrees: any after a comma, then a trailing run, written joined (`S.Kom`) or
    /// spaced (`S. Kom`). At least one chunk is kept.
    static func dropDegrees(_ chunks: inout [Chunk]) {
        let degrees = NameVocabulary.degrees
        if let first = chunks.firstIndex(where: \.isAfterComma), first > 0 {
            chunks = chunks.enumerated().filter { $0.offset < first || !degrees.contains($0.element.compact) }.map(\.element)
        }
        while chunks.count > 1 {
            let last = chunks[chunks.count - 1]
            if degrees.contains(last.compact) {
                chunks.removeLast()
                continue
            }
            let before = chunks[chunks.count - 2]
            guard chunks.count > 2, before.compact.count == 1, degrees.contains(before.compact + last.compact) else { break }
            chunks.removeLast(2)
        }
    }
}

/// One word of a holder name.
public struct NameToken: Hashable, Sendable, CustomStringConvertible {
    /// The word as written, lowercased, letters only (`moch`).
    public let text: String
    /// The word with abbreviations expanded and old spellings folded (`moch` → `muhamad`), so
    /// equal canonical forms name the same word.
    public let canonical: String

    /// A token from a lowercased, letters-only word.
    public init(_ text: String) {
        self.text = text
        self.canonical = NameVocabulary.spellingKey(NameVocabulary.expansions[text] ?? text)
    }

    /// A single letter, as in "B. Santoso".
    public var isInitial: Bool { text.count == 1 }

    public var description: String { text }
}
