import Payouts
import Testing

@Suite struct NameMatchTests {
    func words(_ name: String) -> [String] { HolderName(name).tokens.map(\.text) }

    @Test(arguments: [
        ("Budi Santoso", "BUDI SANTOSO"),
        ("  budi   santoso ", "Budi Santoso"),
        ("Budi-Santoso", "BUDI SANTOSO"),
        ("Santoso Budi", "Budi Santoso"),
        ("Ma'ruf Amin", "MARUF AMIN"),
        ("José Rizal", "JOSE RIZAL"),
        ("Jose\u{301} Rizal", "JOSE RIZAL"),
        ("Nurhayati", "NUR HAYATI"),
        ("Abdul Rahman", "ABDULRAHMAN"),
        ("Nur Rahman", "NURRAHMAN"),
    ])
    func ignoresCaseSpacingPunctuationAccentsAndOrder(expected: String, actual: String) {
        #expect(NameMatch(expected: expected, actual: actual) == .match)
    }

    @Test(arguments: [
        ("Bapak Budi Santoso", "BUDI SANTOSO"),
        ("Bpk. Budi Santoso", "BUDI SANTOSO"),
        ("Pak Budi Santoso", "BUDI SANTOSO"),
        ("Ibu Siti Aminah", "SITI AMINAH"),
        ("Bu Siti Aminah", "SITI AMINAH"),
        ("Sdr. Andi Wijaya", "ANDI WIJAYA"),
        ("Sdri. Rina Wati", "RINA WATI"),
        ("Tuan Hendra Gunawan", "HENDRA GUNAWAN"),
        ("Ny. Lestari Dewi", "LESTARI DEWI"),
        ("Nyonya Lestari Dewi", "LESTARI DEWI"),
        ("H. Ahmad Yani", "AHMAD YANI"),
        ("Haji Ahmad Yani", "AHMAD YANI"),
        ("Hj. Fatimah Zahra", "FATIMAH ZAHRA"),
        ("Hajjah Fatimah Zahra", "FATIMAH ZAHRA"),
        ("Dr. Ir. H. Joko Widodo", "JOKO WIDODO"),
        ("Prof. Dr. Bambang Sutrisno", "BAMBANG SUTRISNO"),
        ("Drs. Agus Salim", "AGUS SALIM"),
        ("Mr. John Tan", "JOHN TAN"),
        ("Mrs Mary Tan", "MARY TAN"),
        ("Ms. Mary Tan", "MARY TAN"),
    ])
    func dropsHonorificsBeforeTheName(expected: String, actual: String) {
        #expect(NameMatch(expected: expected, actual: actual) == .match)
    }

    @Test(arguments: [
        ("Budi Santoso, S.E.", "BUDI SANTOSO"),
        ("Budi Santoso, S.E., M.M.", "BUDI SANTOSO"),
        ("Budi Santoso S.H.", "BUDI SANTOSO"),
        ("Rina Wati, S.Kom", "RINA WATI"),
        ("Rina Wati S. Kom.", "RINA WATI"),
        ("Agus Salim, SE, MBA", "AGUS SALIM"),
        ("Dewi Lestari, S.Pd., M.Pd.", "DEWI LESTARI"),
        ("Ir. Andi Wijaya, M.T.", "ANDI WIJAYA"),
        ("dr. Rudi Hartono, Sp.PD", "RUDI HARTONO"),
    ])
    func dropsDegreesAfterTheName(expected: String, actual: String) {
        #expect(NameMatch(expected: expected, actual: actual) == .match)
    }

    @Test(arguments: [
        ("Muhammad Ridwan", "MOHAMMAD RIDWAN"),
        ("Muhammad Ridwan", "MOHAMAD RIDWAN"),
        ("Muhammad Ridwan", "MOH RIDWAN"),
        ("Muhammad Ridwan", "MOHD RIDWAN"),
        ("Muhammad Ridwan", "MOCH. RIDWAN"),
        ("Muhammad Ridwan", "MUH RIDWAN"),
        ("Muhammad Ridwan", "M. RIDWAN"),
        ("Muhammad Ridwan", "M RIDWAN"),
        ("Mochammad Ridwan", "MUHAMAD RIDWAN"),
        ("Abdul Karim", "ABD KARIM"),
        ("Siti Aminah", "ST AMINAH"),
        ("Nurul Huda", "NUR HUDA"),
        ("Achmad Fauzi", "AHMAD FAUZI"),
        ("Soekarno", "SUKARNO"),
        ("Djoko Susilo", "JOKO SUSILO"),
        ("Tjahjo Kumolo", "CAHYO KUMOLO"),
        ("Chairul Tanjung", "KHAIRUL TANJUNG"),
        ("Jusuf Kalla", "YUSUF KALLA"),
        ("Soedjono", "SUJONO"),
        ("Ahmad bin Abdullah", "AHMAD ABDULLAH"),
    ])
    func treatsAbbreviationsAndOldSpellingsAsTheSameWord(expected: String, actual: String) {
        #expect(NameMatch(expected: expected, actual: actual) == .match)
    }

    @Test(arguments: [
        ("PT Maju Jaya", "MAJU JAYA"),
        ("Maju Jaya", "PT. MAJU JAYA"),
        ("CV Sumber Rejeki", "SUMBER REJEKI"),
        ("PT Maju Jaya", "PT MAJU JAYA TBK"),
        ("Maju Jaya, PT", "PT MAJU JAYA"),
        ("PT Bank Rakyat Indonesia (Persero) Tbk", "BANK RAKYAT INDONESIA"),
        ("Andy Wijaya", "ANDI WIJAYA"),
        ("Hendry Gunawan", "HENDRI GUNAWAN"),
        ("Rudy Hartono", "RUDI HARTONO"),
        ("Andy Saputra", "ANDYSAPUTRA"),
        ("Rizky Ramadhan", "RIZKYRAMADHAN"),
        ("P.T. Maju Jaya", "PT MAJU JAYA"),
    ])
    func readsCompanyFormsAndAFinalYAsBanksWriteThem(expected: String, actual: String) {
        #expect(NameMatch(expected: expected, actual: actual) == .match)
    }

    @Test(arguments: [
        ("B. Santoso", "BUDI SANTOSO"),
        ("Budi S.", "BUDI SANTOSO"),
        ("Budi", "BUDI SANTOSO"),
        ("Santoso", "BUDI SANTOSO"),
        ("Budi Santoso", "BUDI"),
        ("Budi Santoso Wijaya", "BUDI SANTOSO"),
        ("M. Ridwan", "MULYADI RIDWAN"),
        ("Bpk. B. Santoso, S.E.", "BUDI SANTOSO"),
        ("Siti Aminah", "SITI NUR AMINAH"),
    ])
    func aShorterOrInitialledNameIsPartial(expected: String, actual: String) {
        #expect(NameMatch(expected: expected, actual: actual) == .partial)
    }

    @Test(arguments: [
        ("Budi Santoso", "ANDI WIJAYA"),
        ("Budi Santoso", "BUDI HARTONO"),
        ("Budi Santoso", "BUDIMAN SANTOSA"),
        ("B. S.", "BUDI SANTOSO"),
        ("Budi Santoso", ""),
        ("", "BUDI SANTOSO"),
        ("...", "BUDI SANTOSO"),
        ("Budi Santoso", "12345"),
        ("Budi Santoso", "SANTOSO BUDIONO"),
        ("PT Maju Jaya", "CV MAJU JAYA"),
        ("UD Sumber Rejeki", "PT SUMBER REJEKI"),
        ("P.T. Maju Jaya", "CV MAJU JAYA"),
    ])
    func differentNamesAreMismatches(expected: String, actual: String) {
        #expect(NameMatch(expected: expected, actual: actual) == .mismatch)
    }

    @Test func isSymmetric() {
        let names = ["Budi Santoso", "B. Santoso", "Bpk. Budi", "M. Ridwan", "Muhammad Ridwan", "Mulyadi Ridwan",
                     "Siti Aminah", "St. Aminah", "Nurhayati", "Nur Hayati", "Andi", "Soekarno", "Sukarno Putra"]
        for a in names {
            for b in names {
                #expect(NameMatch(expected: a, actual: b) == NameMatch(expected: b, actual: a), "\(a) / \(b)")
            }
        }
    }

    @Test func keepsAWordThatIsOnlyATitle() {
        #expect(words("Haji") == ["haji"])
        #expect(words("PT") == ["pt"])
        #expect(words("Bapak Budi") == ["budi"])
        #expect(words("Budi, S.E.") == ["budi"])
        #expect(words("S.E.") == ["s", "e"])  // nothing else to keep, so it stays, split like initials
    }

    @Test func readsNamesIntoWords() {
        #expect(words("Bpk. H. M.Ridwan Hakim, S.Kom., M.M.") == ["m", "ridwan", "hakim"])
        #expect(words("Ahmad bin Abdullah") == ["ahmad", "abdullah"])
        #expect(words("Budi S.") == ["budi", "s"])
        #expect(words("O’Neil-Tan 3rd") == ["oneil", "tan", "rd"])
        #expect(HolderName("Moch. Ridwan").tokens.first?.canonical == HolderName("Muhammad").tokens.first?.canonical)
    }

    @Test func mismatchesWhenNothingIsLeftToCompare() {
        #expect(HolderName("  .,- ").tokens.isEmpty)
        #expect(NameMatch(expected: "", actual: "") == .mismatch)
    }
}
