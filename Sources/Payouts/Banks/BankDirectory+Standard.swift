// The standard directory: every row of providers/bank-codes.md, one line per institution.
// BI codes and BI-FAST flags: Duitku bank list [seed-004]. SWIFT / BI-member codes and their
// confidence: bank-codes.md sources [D][S][C1][C2][C3][SDK]. Durianpay codes: confirmed only
// (`bca`, `cimb` [seed-000], `bni` [dp-topup]); the `mandiri?`-style guesses are left out on
// purpose until checked against `GET /v1/disbursements/banks`.

extension BankDirectory {
    /// Every bank and e-wallet in providers/bank-codes.md (plus Duitku-only codes [seed-004]).
    public static let standard = BankDirectory(
        banks: nationalBanks + regionalBanks + duitkuOnlyBanks + syariahUnits + ewallets
    )

    /// The "Banks" table of bank-codes.md, rows 1 to 73 in order.
    static let nationalBanks: [Bank] = [
        bank("bca", "Bank Central Asia (BCA)", "014", "CENAIDJA", .confirmed, durianpay: "bca"),
        bank("mandiri", "Bank Mandiri", "008", "BMRIIDJA", .confirmed),
        bank("bni", "Bank Negara Indonesia (BNI)", "009", "BNINIDJA", .confirmed, durianpay: "bni"),
        bank("bri", "Bank Rakyat Indonesia (BRI)", "002", "BRINIDJA", .confirmed),
        bank("bsi", "Bank Syariah Indonesia (BSI)", "451", "BSMDIDJA", .confirmed, aliases: ["bsm", "bank syariah mandiri"]),
        bank("cimb", "CIMB Niaga", "022", "BNIAIDJA", .confirmed, durianpay: "cimb", aliases: ["cimb niaga"]),
        bank("permata", "Bank Permata", "013", "BBBAIDJA", .confirmed),
        bank("danamon", "Bank Danamon", "011", "BDINIDJA", .confirmed),
        bank("btn", "Bank Tabungan Negara (BTN)", "200", "BTANIDJA", .confirmed),
        bank("maybank", "Maybank Indonesia", "016", "IBBKIDJA", .confirmed),
        bank("panin", "Panin Bank", "019", "PINBIDJA", .confirmed),
        bank("ocbc", "OCBC NISP", "028", "NISPIDJA", .confirmed, aliases: ["ocbc nisp"]),
        bank("uob", "UOB Indonesia", "023", "BBIJIDJA", .single),
        bank("mega", "Bank Mega", "426", "MEGAIDJA", .confirmed),
        bank("sinarmas", "Bank Sinarmas", "153", "SBJKIDJA", .confirmed),
        bank("bukopin", "KB Bukopin", "441", "BBUKIDJA", .single, aliases: ["kb bukopin"]),
        bank("btpn", "Bank BTPN (now SMBC Indonesia)", "213", "SUNIIDJA", .conflict, aliases: ["BTPNIDJA", "smbc"]),
        bank("muamalat", "Bank Muamalat", "147", "MUABIDJA", .single),
        bank("bca_syariah", "BCA Syariah", "536", "SYCAIDJ1", .single),
        bank("jago", "Bank Jago", "542", "JAGBIDJA", .single),
        bank("seabank", "SeaBank Indonesia", "535", nil, nil),
        bank("allo", "Allo Bank", "567", "ALOBIDJA", .single),
        bank("bnc", "Bank Neo Commerce (BNC, ex-Yudha Bhakti)", "490", "YUDBIDJ1", .single, aliases: ["neo commerce", "yudha bhakti"]),
        bank("blu", "Bank Digital BCA (blu)", "501", nil, nil, aliases: ["bca digital"]),
        bank("dki", "Bank DKI", "111", "BDKIIDJ1", .single),
        bank("bjb", "Bank BJB", "110", "PDJBIDJA", .single),
        bank("jatim", "Bank Jatim", "114", "PDJTIDJ1", .single),
        bank("jateng", "Bank Jateng", "113", "PDJGIDJ1", .single),
        bank("citibank", "Citibank", "031", "CITIIDJX", .single, aliases: ["citi"]),
        bank("hsbc", "HSBC Indonesia", "087", "HSBCIDJA", .single),
        bank("dbs", "Bank DBS Indonesia", "046", "DBSBIDJA", .single),
        bank("standard_chartered", "Standard Chartered", "050", "SCBLIDJX", .single, aliases: ["stanchart"]),
        bank("commonwealth", "Bank Commonwealth", "950", "BICNIDJA", .single),
        bank("mayapada", "Bank Mayapada", "097", "MAYAIDJA", .single),
        bank("artha_graha", "Bank Artha Graha", "037", "ARTGIDJA", .single),
        bank("nobu", "Bank Nationalnobu", "503", "LFIBIDJ1", .single),
        bank("amar", "Amar Bank", "531", "LOMAIDJ1", .single),
        bank("sampoerna", "Bank Sahabat Sampoerna", "523", "BDIPIDJ1", .single),
        bank("mega_syariah", "Bank Mega Syariah", "506", "BUTGIDJ1", .single),
        bank("btpn_syariah", "BTPN Syariah", "547", "PUBAIDJ1", .single),
        bank("bjb_syariah", "BJB Syariah", "425", "SYJBIDJ1", .single),
        bank("keb_hana", "Bank KEB Hana", "484", "HNBNIDJA", .single),
        bank("shinhan", "Bank Shinhan Indonesia", "152", "MEEKIDJ1", .single),
        bank("woori", "Bank Woori Saudara", "212", "BSDRIDJA", .single),
        bank("icbc", "Bank ICBC Indonesia", "164", "ICBKIDJA", .single),
        bank("bank_of_china", "Bank of China Indonesia", "069", "BKCHIDJA", .single),
        bank("mufg", "MUFG Bank", "042", "BOTKIDJX", .single, aliases: ["btmu"]),
        bank("anz", "ANZ Indonesia", "061", "ANZBIDJX", .single),
        bank("mnc", "MNC Bank", "485", "BUMIIDJA", .single),
        bank("ccb", "Bank CCB Indonesia (ex-Windu Kentjana)", "036", "MCORIDJA", .single, aliases: ["windu kentjana"]),
        bank("qnb", "Bank QNB Indonesia", "167", "AWANIDJA", .single),
        bank("jtrust", "Bank JTrust Indonesia", "095", "CICTIDJ1", .single),
        bank("capital", "Bank Capital", "054", "BCIAIDJA", .single),
        bank("mestika", "Bank Mestika", "151", "MEDHIDS1", .single),
        bank("ganesha", "Bank Ganesha", "161", "GNESIDJA", .single),
        bank("maspion", "Bank Maspion", "157", "MASDIDJ1", .single),
        bank("victoria", "Bank Victoria International", "566", "VICTIDJ1", .single),
        bank("index_selindo", "Bank Index Selindo", "555", "BIDXIDJA", .single),
        bank("mayora", "Bank Mayora", "553", "MAYOIDJA", .single),
        bank("mas", "Bank Multiarta Sentosa", "548", "MASBIDJ1", .single, aliases: ["multiarta sentosa"]),
        bank("jasa_jakarta", "Bank Jasa Jakarta", "472", "JSABIDJ1", .single),
        bank("raya", "Bank BRI Agroniaga (now Bank Raya)", "494", "AGTBIDJA", .single, aliases: ["bri agroniaga"]),
        bank("mantap", "Bank Mantap (ex-Mandiri Taspen)", "564", "SIHBIDJ1", .single, aliases: ["mandiri taspen"]),
        bank("ina_perdana", "Bank Ina Perdana", "513", "INPBIDJ1", .single),
        bank("panin_syariah", "Bank Panin Dubai Syariah", "517", "ARFAIDJ1", .single),
        bank("bukopin_syariah", "Bank Syariah Bukopin (KB Bukopin Syariah)", "521", "SDOBIDJ1", .single),
        bank("ctbc", "Bank CTBC Indonesia", "949", "CTCBIDJA", .single),
        bank("sbi", "Bank SBI Indonesia", "498", "IDMOIDJ1", .single),
        bank("aladin", "Bank Aladin Syariah (ex-Maybank Syariah)", "947", "MBBEIDJA", .unverified),
        bank("oke", "Bank Oke Indonesia (ex-Andara)", "526", "RIPAIDJ1", .unverified, aliases: ["andara"]),
        bank("bank_of_india", "Bank of India Indonesia", "146", "SWBAIDJ1", .single, fast: false),
        bank("victoria_syariah", "Bank Victoria Syariah", "405", "SWAGIDJ1", .single, fast: false),
        bank("prima_master", "Bank Prima Master", "520", "PMASIDJ1", .single, fast: false),
    ]

    /// Regional development banks (BPD), bank-codes.md "Regional development banks".
    static let regionalBanks: [Bank] = [
        bank("aceh", "Bank Aceh", "116", "PDACIDJ1", .single),
        bank("sumut", "Bank Sumut", "117", "PDSUIDJ1", .single),
        bank("nagari", "Bank Nagari", "118", "PDSBIDJ1", .single),
        bank("riau_kepri", "Bank Riau Kepri", "119", "PDRIIDJA", .single),
        bank("sumsel_babel", "Bank Sumsel Babel", "120", "BSSPIDSP", .single),
        bank("lampung", "Bank Lampung", "121", "PDLPIDJ1", .single),
        bank("kalsel", "Bank Kalsel", "122", "PDKSIDJ1", .single),
        bank("kalbar", "Bank Kalbar", "123", "PDKBIDJ1", .single),
        bank("kaltimtara", "Bank Kaltimtara", "124", "PDKTIDJ1", .single),
        bank("kalteng", "Bank Kalteng", "125", "PDKGIDJ1", .single),
        bank("sulselbar", "Bank Sulselbar", "126", "PDWSIDJ1", .single),
        bank("sulutgo", "Bank SulutGo", "127", "PDWUIDJ1", .single),
        bank("ntb_syariah", "Bank NTB Syariah", "128", "PDNBIDJ1", .single),
        bank("bali", "BPD Bali", "129", "ABALIDBS", .single, aliases: ["bpd bali"]),
        bank("ntt", "Bank NTT", "130", "PDNTIDJ1", .single),
        bank("maluku", "Bank Maluku Malut", "131", "PDMLIDJ1", .single),
        bank("papua", "Bank Papua", "132", "PDIJIDJ1", .single),
        bank("bengkulu", "Bank Bengkulu", "133", "PDBKIDJ1", .single),
        bank("sulteng", "Bank Sulteng", "134", "PDWGIDJ1", .single),
        bank("sultra", "Bank Sultra", "135", "PDWRIDJ1", .single),
        bank("jambi", "Bank Jambi", "115", "PDJMIDJ1", .single),
        bank("diy", "BPD DIY", "112", "PDYKIDJ1", .single, aliases: ["bpd diy"]),
        bank("banten", "Bank Banten", "137", nil, nil),
    ]

    /// Banks only Duitku's list names (bank-codes.md BI-FAST notes; names from [seed-004]).
    static let duitkuOnlyBanks: [Bank] = [
        bank("bumi_arta", "Bank Bumi Arta", "076", nil, nil),
        bank("kroom", "Bank KROOM", "459", nil, nil, fast: false),
        bank("superbank", "Superbank (FAMA)", "562", nil, nil, fast: false),
        bank("agris", "Bank Agris", "945", nil, nil, fast: false),
        bank("bpr_supra", "BPR Supra", "600", nil, nil, fast: false),
        bank("bpr_ks", "BPR KS", "688", nil, nil, fast: false),
        bank("bpr_eka", "BPR EKA", "699", nil, nil, fast: false),
    ]

    /// Syariah business units: own member code, parent's BI code in 3-digit schemes. BI-FAST
    /// participation of a unit is not documented, so it is not claimed.
    static let syariahUnits: [Bank] = [
        unit("danamon_syariah", "Danamon UUS (Syariah)", parent: "danamon", "SYBDIDJ1"),
        unit("permata_syariah", "Permata UUS (Syariah)", parent: "permata", "SYBBIDJ1"),
        unit("maybank_syariah", "Maybank UUS (Syariah)", parent: "maybank", "SYBKIDJ1"),
        unit("cimb_syariah", "CIMB Niaga UUS (Syariah)", parent: "cimb", "SYNAIDJ1"),
        unit("ocbc_syariah", "OCBC NISP UUS (Syariah)", parent: "ocbc", "SYONIDJ1"),
        unit("btn_syariah", "BTN UUS (Syariah)", parent: "btn", "SYBTIDJ1"),
        unit("dki_syariah", "DKI UUS (Syariah)", parent: "dki", "SYDKIDJ1"),
        unit("jatim_syariah", "Jatim UUS (Syariah)", parent: "jatim", "SYJTIDJ1"),
    ]

    /// The "E-wallets" table plus IMkas; none is a BI-FAST participant [seed-004].
    static let ewallets: [Bank] = [
        wallet("ovo", "OVO", duitku: "1010"),
        wallet("gopay", "GoPay", duitku: "1011"),
        wallet("dana", "DANA", duitku: "1012"),
        wallet("shopeepay", "ShopeePay", duitku: "1013"),
        wallet("linkaja", "LinkAja", biCode: "911", duitku: "1014"),
        wallet("imkas", "IMkas", biCode: "789", duitku: nil),
    ]

    private static func bank(
        _ id: String, _ name: String, _ biCode: String, _ swift: String?, _ confidence: Bank.Confidence?,
        fast: Bool = true, durianpay: String? = nil, aliases: [String] = []
    ) -> Bank {
        Bank(id: id, name: name, biCode: biCode, swiftCode: swift, swiftConfidence: confidence,
             durianpayCode: durianpay, isBIFastParticipant: fast, aliases: aliases)
    }

    private static func unit(_ id: String, _ name: String, parent: String, _ swift: String) -> Bank {
        Bank(id: id, name: name, swiftCode: swift, swiftConfidence: .single, parentID: parent)
    }

    private static func wallet(_ id: String, _ name: String, biCode: String? = nil, duitku: String?) -> Bank {
        Bank(id: id, name: name, kind: .ewallet, biCode: biCode, duitkuWalletCode: duitku)
    }
}
