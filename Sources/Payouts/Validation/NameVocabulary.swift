/// The words and spellings name matching knows: honorifics, degrees, connectors, abbreviations,
/// old Indonesian spellings and accented letters. Lowercase, letters only, as `HolderName` reads.
enum NameVocabulary {
    /// Titles written before a name: Indonesian forms of address (Bapak, Ibu, Saudara/i, Tuan,
    /// Nyonya, Nona), the pilgrimage titles (H., Hj., KH), academic and professional ones (Dr, Ir,
    /// Prof, Drs, Dra, drg) and English ones.
    static let honorifics: Set<String> = [
        "bapak", "bpk", "bp", "pak", "ibu", "ibuk", "bu", "sdr", "sdra", "sdri", "saudara", "saudari",
        "tuan", "tn", "nyonya", "ny", "nona", "nn", "h", "haji", "hj", "hajjah", "hajah", "kh", "kyai",
        "dr", "drs", "dra", "drg", "ir", "prof", "mr", "mrs", "ms", "miss", "mister", "madam", "mdm", "sir",
    ]

    /// Degrees written after a name, with their dots removed: Indonesian bachelor's (S.E., S.H.,
    /// S.Kom, S.T., S.Pd ...), master's (M.M., M.Kom, M.Si ...), diplomas (A.Md) and English ones.
    /// Single letters are left out: "Budi S." ends with an initial, not a degree.
    static let degrees: Set<String> = [
        "se", "sh", "st", "skom", "spd", "ssi", "sos", "ssos", "sip", "sag", "shi", "sth", "sked", "skm",
        "skep", "sfarm", "sikom", "sp", "spsi", "ssn", "sak", "sstp", "sei", "spdi", "stp", "sgz",
        "mm", "mkom", "msi", "mt", "mh", "mpd", "mkes", "mag", "msc", "ma", "mba", "mhum", "mak", "ak", "apt",
        "amd", "ama", "amdkeb", "amdkep", "ners", "phd", "bsc", "ba", "bba", "mph", "cpa", "sppd", "spa", "spog", "spb", "spjp", "spm",
    ]

    /// Company forms (Perseroan Terbatas, Commanditaire Vennootschap, Usaha Dagang): a bank may
    /// write them before or after the name, or leave them out. Two different forms name two
    /// different companies.
    static let companyForms: Set<String> = ["pt", "cv", "ud"]

    /// Words added to a company's name by its status (listed, state-owned), as often left out.
    static let companyQualifiers: Set<String> = ["tbk", "persero"]

    /// Patronymic connectors ("Ahmad bin Abdullah"), which banks often leave out.
    static let connectors: Set<String> = ["bin", "binti", "binte", "bte"]

    /// Characters dropped without splitting the word.
    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "`", "\u{00B4}"]

    /// Abbreviations and spellings of the same given name, to one form. `m` counts as Muhammad
    /// only against a Muhammad spelling; against another m-word it is an initial (`NameMatch`).
    static let expansions: [String: String] = {
        let groups: [String: [String]] = [
            "muhammad": ["m", "md", "mhd", "mhmd", "moh", "mohd", "moch", "much", "muh", "muhd", "mohammad", "mohamad",
                         "mohammed", "mohamed", "muhamad", "muhammed", "muhamed", "mochammad", "mochamad",
                         "mochamat", "muchammad", "muchamad", "mohamat"],
            "abdul": ["abd", "abdl"],
            "siti": ["st", "sitti"],
            "nur": ["nurul", "noor"],
            "ahmad": ["achmad", "akhmad", "ahmat", "achmat", "ahmed"],
        ]
        var map: [String: String] = [:]
        for (full, forms) in groups {
            for form in forms { map[form] = full }
        }
        return map
    }()

    /// A spelling key: the pre-1972 spellings folded to the current ones (oe → u, dj → j, tj → c,
    /// ch → kh) and doubled letters made single, so "Soedjono" and "Sujono", or "Mohammad" and
    /// "Mohamad", share a key. The old `j` is today's `y` while the old `dj` is today's `j`, so
    /// both `j` and `y` key as `j`: "Tjahjo" = "Cahyo", "Jusuf" = "Yusuf", "Djoko" = "Joko". A
    /// final `y` after another letter is the English spelling of `i`: "Andy" = "Andi".
    static func spellingKey(_ word: String) -> String {
        let letters = Array(word)
        var key: [Character] = []
        var index = 0
        while index < letters.count {
            let next = index + 1 < letters.count ? letters[index + 1] : nil
            let (emitted, consumed): ([Character], Int) = switch (letters[index], next) {
            case ("o", "e"): (["u"], 2)
            case ("d", "j"): (["j"], 2)
            case ("t", "j"): (["c"], 2)
            case ("c", "h"): (["k", "h"], 2)
            case ("y", nil) where index > 0: (["i"], 1)
            case ("y", _): (["j"], 1)
            default: ([letters[index]], 1)
            }
            index += consumed
            for letter in emitted where key.last != letter { key.append(letter) }
        }
        return String(key)
    }

    /// `character` lowercased with accents removed, or nil when it is not a letter.
    static func folded(_ character: Character) -> String? {
        guard character.isLetter else { return nil }
        var result = ""
        for scalar in character.lowercased().unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }  // a decomposed accent
            if let plain = accents[scalar] { result += plain } else { result.unicodeScalars.append(scalar) }
        }
        return result.isEmpty ? nil : result
    }

    /// Precomposed Latin letters to their plain form.
    static let accents: [Unicode.Scalar: String] = {
        let groups: [String: String] = [
            "a": "àáâãäåāăą", "c": "çćč", "d": "ðď", "e": "èéêëēėęě", "g": "ğ", "i": "ìíîïīįı", "l": "ł",
            "n": "ñńň", "o": "òóôõöøōő", "r": "ř", "s": "śšş", "t": "ţť", "u": "ùúûüūůűų", "y": "ýÿ", "z": "źżž",
            "ae": "æ", "oe": "œ", "ss": "ß", "th": "þ",
        ]
        var map: [Unicode.Scalar: String] = [:]
        for (plain, accented) in groups {
            for scalar in accented.unicodeScalars { map[scalar] = plain }
        }
        return map
    }()
}
