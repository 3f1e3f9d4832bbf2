/// How well the name a client expects agrees with the name the bank holds for the account.
///
/// Both names are first reduced by `HolderName`: case, accents, spacing and punctuation are
/// ignored; honorifics before the name (Bapak, Bpk, Ibu, Sdr, Tuan, Ny, H., Hj., Dr, Ir, Prof,
/// Drs, Mr, Mrs ...), degrees after it (S.E., S.H., S.Kom, M.M., MBA ...) and `bin`/`binti` are
/// dropped, and so are company forms (PT, CV, UD, with Tbk or Persero) wherever written. Two words are *equal* when their canonical forms are: abbreviations expanded
/// (Moh/Mohd/Moch/Muh/M. → Muhammad, Abd → Abdul, St → Siti, Nurul → Nur, Achmad → Ahmad),
/// pre-1972 spellings folded (Soekarno = Sukarno, Djoko = Joko) and doubled letters made single
/// (Mohammad = Mohamad). A one-letter word is *compatible* with a word it is the first letter of.
///
/// - `match`: the names have the same number of words and each word of one equals a different
///   word of the other, in any order ("Santoso Budi" matches "Budi Santoso"); or the names are
///   equal with their spaces removed ("Nurhayati" and "Nur Hayati").
/// - `partial`: not a match, but every word of the name with fewer words pairs with a different
///   word of the other, each pair equal or an initial with its word, and at least one pair is
///   equal: "Budi" or "B. Santoso" against "Budi Santoso"; "M. Ridwan" against "Mulyadi Ridwan".
/// - `mismatch`: anything else, including a name with no words left after reduction.
///
/// `partial` is a prompt for a person to look, not an approval.
public enum NameMatch: String, CaseIterable, Hashable, Sendable {
    case match
    case partial
    case mismatch

    /// Compares the name a client gave with the one the bank answered.
    public init(expected: String, actual: String) {
        let (expected, actual) = (HolderName(expected), HolderName(actual))
        // "PT Maju Jaya" and "CV Maju Jaya" are two companies; a form on one side only is not news.
        if !expected.companyForms.isEmpty, !actual.companyForms.isEmpty, expected.companyForms.isDisjoint(with: actual.companyForms) {
            self = .mismatch
            return
        }
        self = Self.compare(expected.tokens, actual.tokens)
    }

    static func compare(_ first: [NameToken], _ second: [NameToken]) -> NameMatch {
        guard !first.isEmpty, !second.isEmpty else { return .mismatch }
        let (shorter, longer) = first.count <= second.count ? (first, second) : (second, first)
        let equalPairs = Self.pairs(shorter, longer) { $0.canonical == $1.canonical }
        if first.count == second.count, equalPairs == first.count { return .match }
        if Self.joined(first) == Self.joined(second) { return .match }
        let compatiblePairs = Self.pairs(shorter, longer) { $0.canonical == $1.canonical || Self.isInitial($0, of: $1) }
        return compatiblePairs == shorter.count && equalPairs > 0 ? .partial : .mismatch
    }

    /// The name without its spaces, keyed as one word, so a doubled letter across words folds
    /// too; from the expanded words, not their keys: a word's last letter is a middle one here.
    static func joined(_ tokens: [NameToken]) -> String {
        NameVocabulary.spellingKey(tokens.map { NameVocabulary.expansions[$0.text] ?? $0.text }.joined())
    }

    static func isInitial(_ a: NameToken, of b: NameToken) -> Bool {
        (a.isInitial && b.text.first == a.text.first) || (b.isInitial && a.text.first == b.text.first)
    }

    /// The most disjoint pairs `related` allows between the two lists (bipartite matching by
    /// augmenting paths; names have a handful of words, so the cost is nothing).
    static func pairs(_ left: [NameToken], _ right: [NameToken], related: (NameToken, NameToken) -> Bool) -> Int {
        let edges = left.map { l in right.indices.filter { related(l, right[$0]) } }
        var partner = [Int?](repeating: nil, count: right.count)
        func augment(_ l: Int, _ visited: inout [Bool]) -> Bool {
            for r in edges[l] where !visited[r] {
                visited[r] = true
                if let other = partner[r] {
                    guard augment(other, &visited) else { continue }
                }
                partner[r] = l
                return true
            }
            return false
        }
        var count = 0
        for l in left.indices {
            var visited = [Bool](repeating: false, count: right.count)
            if augment(l, &visited) { count += 1 }
        }
        return count
    }
}
