/// Scores how close a mistyped bank code is to a bank; lower is closer, nil is not close.
enum Suggestion {
    /// The best score of `query` (already normalised) against any of the bank's keys and name.
    static func score(_ query: String, against bank: Bank) -> Int? {
        let keys = bank.lookupKeys.map(BankDirectory.normalized)
        let names = [BankDirectory.normalized(bank.name)]
        var best: Int?
        func consider(_ score: Int?) {
            if let score, score < (best ?? .max) { best = score }
        }
        for key in keys + names {
            consider(prefixScore(query, key))
            consider(distanceScore(query, key))
        }
        consider(wordScore(query, names + keys))
        return best
    }

    /// A code or name that starts with what was typed: "01" → "014", "mand" → "mandiri".
    private static func prefixScore(_ query: String, _ key: String) -> Int? {
        guard query.count >= 2, key.hasPrefix(query) else { return nil }
        return 10 + min(key.count - query.count, 9)
    }

    /// A whole key within a few typos: one per three characters typed, at least one.
    private static func distanceScore(_ query: String, _ key: String) -> Int? {
        let allowed = max(1, query.count / 3)
        let distance = editDistance(Array(query.utf8), Array(key.utf8), cap: allowed)
        return distance <= allowed ? distance * 10 : nil
    }

    /// Words so common in bank names that matching them says little.
    private static let weakWords: Set<Substring> = ["bank", "syariah", "indonesia", "international"]

    /// Words typed that are (nearly) words of the names: "mandri" → Mandiri, Mandiri Taspen,
    /// Syariah Mandiri; "mandiri syariah" puts Syariah Mandiri (both words) first.
    private static func wordScore(_ query: String, _ texts: [String]) -> Int? {
        let space: Character = " "
        let typed: [Substring] = query.split(separator: space).filter { $0.count >= 4 }
        let words: [Substring] = texts.flatMap { $0.split(separator: space) }
        let known = Set(words.filter { $0.count >= 4 })
        var points = 0
        var typos = 0
        for word in typed {
            let nearest = known.map { editDistance(Array(word.utf8), Array($0.utf8), cap: 1) }.min() ?? 2
            guard nearest <= 1 else { continue }
            points += weakWords.contains(word) ? 2 : 10
            typos += nearest
        }
        return points == 0 ? nil : 40 - min(points, 20) + typos * 5
    }

    /// Levenshtein distance over bytes, giving up (returning `cap + 1`) once it must exceed `cap`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], cap: Int) -> Int {
        if abs(a.count - b.count) > cap { return cap + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            if current.min()! > cap { return cap + 1 }
            swap(&previous, &current)
        }
        return min(previous[b.count], cap + 1)
    }
}
