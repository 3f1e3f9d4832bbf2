@testable import Payouts

/// One row of providers/bank-codes.md as the document writes it, kept apart from the
/// directory's data so that dropping or changing a code there fails a test here.
struct Row: Sendable, CustomStringConvertible {
    let label: String
    let biCode: String?
    let swiftCodes: [String]
    let durianpayCode: String?
    let walletCodes: [String]
    let isBIFastParticipant: Bool

    init(_ label: String, bi: String? = nil, swift: [String] = [], durianpay: String? = nil,
         wallet: [String] = [], fast: Bool = true) {
        self.label = label
        self.biCode = bi
        self.swiftCodes = swift
        self.durianpayCode = durianpay
        self.walletCodes = wallet
        self.isBIFastParticipant = fast
    }

    /// Every code the document gives for the row, under any scheme.
    var codes: [String] { [biCode, durianpayCode].compactMap { $0 } + swiftCodes + walletCodes }

    var description: String { label }
}

/// The document, row by row: Banks table (#1–#73), BPD paragraph, BI-FAST notes, Syariah units,
/// E-wallets table and other Duitku-only codes.
enum BankCodesDocument {
    static let rows: [Row] = banks + unitsAndWallets

    static let banks: [Row] = [
        Row("#1 Bank Central Asia (BCA)", bi: "014", swift: ["CENAIDJA"], durianpay: "bca"),
        Row("#2 Bank Mandiri", bi: "008", swift: ["BMRIIDJA"]),
        Row("#3 Bank Negara Indonesia (BNI)", bi: "009", swift: ["BNINIDJA"], durianpay: "bni"),
        Row("#4 Bank Rakyat Indonesia (BRI)", bi: "002", swift: ["BRINIDJA"]),
        Row("#5 Bank Syariah Indonesia (BSI)", bi: "451", swift: ["BSMDIDJA"]),
        Row("#6 CIMB Niaga", bi: "022", swift: ["BNIAIDJA"], durianpay: "cimb"),
        Row("#7 Bank Permata", bi: "013", swift: ["BBBAIDJA"]),
        Row("#8 Bank Danamon", bi: "011", swift: ["BDINIDJA"]),
        Row("#9 Bank Tabungan Negara (BTN)", bi: "200", swift: ["BTANIDJA"]),
        Row("#10 Maybank Indonesia", bi: "016", swift: ["IBBKIDJA"]),
        Row("#11 Panin Bank", bi: "019", swift: ["PINBIDJA"]),
        Row("#12 OCBC NISP", bi: "028", swift: ["NISPIDJA"]),
        Row("#13 UOB Indonesia", bi: "023", swift: ["BBIJIDJA"]),
        Row("#14 Bank Mega", bi: "426", swift: ["MEGAIDJA"]),
        Row("#15 Bank Sinarmas", bi: "153", swift: ["SBJKIDJA"]),
        Row("#16 KB Bukopin", bi: "441", swift: ["BBUKIDJA"]),
        Row("#17 Bank BTPN (now SMBC Indonesia)", bi: "213", swift: ["SUNIIDJA", "BTPNIDJA"]),
        Row("#18 Bank Muamalat", bi: "147", swift: ["MUABIDJA"]),
        Row("#19 BCA Syariah", bi: "536", swift: ["SYCAIDJ1"]),
        Row("#20 Bank Jago", bi: "542", swift: ["JAGBIDJA"]),
        Row("#21 SeaBank Indonesia", bi: "535", swift: []),
        Row("#22 Allo Bank", bi: "567", swift: ["ALOBIDJA"]),
        Row("#23 Bank Neo Commerce (BNC, ex-Yudha Bhakti)", bi: "490", swift: ["YUDBIDJ1"]),
        Row("#24 Bank Digital BCA (blu)", bi: "501", swift: []),
        Row("#25 Bank DKI", bi: "111", swift: ["BDKIIDJ1"]),
        Row("#26 Bank BJB", bi: "110", swift: ["PDJBIDJA"]),
        Row("#27 Bank Jatim", bi: "114", swift: ["PDJTIDJ1"]),
        Row("#28 Bank Jateng", bi: "113", swift: ["PDJGIDJ1"]),
        Row("#29 Citibank", bi: "031", swift: ["CITIIDJX"]),
        Row("#30 HSBC Indonesia", bi: "087", swift: ["HSBCIDJA"]),
        Row("#31 Bank DBS Indonesia", bi: "046", swift: ["DBSBIDJA"]),
        Row("#32 Standard Chartered", bi: "050", swift: ["SCBLIDJX"]),
        Row("#33 Bank Commonwealth", bi: "950", swift: ["BICNIDJA"]),
        Row("#34 Bank Mayapada", bi: "097", swift: ["MAYAIDJA"]),
        Row("#35 Bank Artha Graha", bi: "037", swift: ["ARTGIDJA"]),
        Row("#36 Bank Nationalnobu", bi: "503", swift: ["LFIBIDJ1"]),
        Row("#37 Amar Bank", bi: "531", swift: ["LOMAIDJ1"]),
        Row("#38 Bank Sahabat Sampoerna", bi: "523", swift: ["BDIPIDJ1"]),
        Row("#39 Bank Mega Syariah", bi: "506", swift: ["BUTGIDJ1"]),
        Row("#40 BTPN Syariah", bi: "547", swift: ["PUBAIDJ1"]),
        Row("#41 BJB Syariah", bi: "425", swift: ["SYJBIDJ1"]),
        Row("#42 Bank KEB Hana", bi: "484", swift: ["HNBNIDJA"]),
        Row("#43 Bank Shinhan Indonesia", bi: "152", swift: ["MEEKIDJ1"]),
        Row("#44 Bank Woori Saudara", bi: "212", swift: ["BSDRIDJA"]),
        Row("#45 Bank ICBC Indonesia", bi: "164", swift: ["ICBKIDJA"]),
        Row("#46 Bank of China Indonesia", bi: "069", swift: ["BKCHIDJA"]),
        Row("#47 MUFG Bank", bi: "042", swift: ["BOTKIDJX"]),
        Row("#48 ANZ Indonesia", bi: "061", swift: ["ANZBIDJX"]),
        Row("#49 MNC Bank", bi: "485", swift: ["BUMIIDJA"]),
        Row("#50 Bank CCB Indonesia (ex-Windu Kentjana)", bi: "036", swift: ["MCORIDJA"]),
        Row("#51 Bank QNB Indonesia", bi: "167", swift: ["AWANIDJA"]),
        Row("#52 Bank JTrust Indonesia", bi: "095", swift: ["CICTIDJ1"]),
        Row("#53 Bank Capital", bi: "054", swift: ["BCIAIDJA"]),
        Row("#54 Bank Mestika", bi: "151", swift: ["MEDHIDS1"]),
        Row("#55 Bank Ganesha", bi: "161", swift: ["GNESIDJA"]),
        Row("#56 Bank Maspion", bi: "157", swift: ["MASDIDJ1"]),
        Row("#57 Bank Victoria International", bi: "566", swift: ["VICTIDJ1"]),
        Row("#58 Bank Index Selindo", bi: "555", swift: ["BIDXIDJA"]),
        Row("#59 Bank Mayora", bi: "553", swift: ["MAYOIDJA"]),
        Row("#60 Bank Multiarta Sentosa", bi: "548", swift: ["MASBIDJ1"]),
        Row("#61 Bank Jasa Jakarta", bi: "472", swift: ["JSABIDJ1"]),
        Row("#62 Bank BRI Agroniaga (now Bank Raya)", bi: "494", swift: ["AGTBIDJA"]),
        Row("#63 Bank Mantap (ex-Mandiri Taspen)", bi: "564", swift: ["SIHBIDJ1"]),
        Row("#64 Bank Ina Perdana", bi: "513", swift: ["INPBIDJ1"]),
        Row("#65 Bank Panin Dubai Syariah", bi: "517", swift: ["ARFAIDJ1"]),
        Row("#66 Bank Syariah Bukopin (KB Bukopin Syariah)", bi: "521", swift: ["SDOBIDJ1"]),
        Row("#67 Bank CTBC Indonesia", bi: "949", swift: ["CTCBIDJA"]),
        Row("#68 Bank SBI Indonesia", bi: "498", swift: ["IDMOIDJ1"]),
        Row("#69 Bank Aladin Syariah (ex-Maybank Syariah)", bi: "947", swift: ["MBBEIDJA"]),
        Row("#70 Bank Oke Indonesia (ex-Andara)", bi: "526", swift: ["RIPAIDJ1"]),
        Row("#71 Bank of India Indonesia", bi: "146", swift: ["SWBAIDJ1"], fast: false),
        Row("#72 Bank Victoria Syariah", bi: "405", swift: ["SWAGIDJ1"], fast: false),
        Row("#73 Bank Prima Master", bi: "520", swift: ["PMASIDJ1"], fast: false),
        Row("BPD Aceh", bi: "116", swift: ["PDACIDJ1"]),
        Row("BPD Sumut", bi: "117", swift: ["PDSUIDJ1"]),
        Row("BPD Nagari", bi: "118", swift: ["PDSBIDJ1"]),
        Row("BPD Riau Kepri", bi: "119", swift: ["PDRIIDJA"]),
        Row("BPD Sumsel Babel", bi: "120", swift: ["BSSPIDSP"]),
        Row("BPD Lampung", bi: "121", swift: ["PDLPIDJ1"]),
        Row("BPD Kalsel", bi: "122", swift: ["PDKSIDJ1"]),
        Row("BPD Kalbar", bi: "123", swift: ["PDKBIDJ1"]),
        Row("BPD Kaltimtara", bi: "124", swift: ["PDKTIDJ1"]),
        Row("BPD Kalteng", bi: "125", swift: ["PDKGIDJ1"]),
        Row("BPD Sulselbar", bi: "126", swift: ["PDWSIDJ1"]),
        Row("BPD SulutGo", bi: "127", swift: ["PDWUIDJ1"]),
        Row("BPD NTB Syariah", bi: "128", swift: ["PDNBIDJ1"]),
        Row("BPD BPD Bali", bi: "129", swift: ["ABALIDBS"]),
        Row("BPD NTT", bi: "130", swift: ["PDNTIDJ1"]),
        Row("BPD Maluku Malut", bi: "131", swift: ["PDMLIDJ1"]),
        Row("BPD Papua", bi: "132", swift: ["PDIJIDJ1"]),
        Row("BPD Bengkulu", bi: "133", swift: ["PDBKIDJ1"]),
        Row("BPD Sulteng", bi: "134", swift: ["PDWGIDJ1"]),
        Row("BPD Sultra", bi: "135", swift: ["PDWRIDJ1"]),
        Row("BPD Jambi", bi: "115", swift: ["PDJMIDJ1"]),
        Row("BPD BPD DIY", bi: "112", swift: ["PDYKIDJ1"]),
        Row("BPD Banten", bi: "137", swift: []),
        Row("BI-FAST notes: KROOM", bi: "459", fast: false),
        Row("BI-FAST notes: Superbank", bi: "562", fast: false),
        Row("BI-FAST notes: Agris", bi: "945", fast: false),
        Row("Other Duitku codes: BPR Supra", bi: "600", fast: false),
        Row("Other Duitku codes: BPR KS", bi: "688", fast: false),
        Row("Other Duitku codes: BPR EKA", bi: "699", fast: false),
    ]

    static let unitsAndWallets: [Row] = [
        Row("UUS Danamon", swift: ["SYBDIDJ1"], fast: false),
        Row("UUS Permata", swift: ["SYBBIDJ1"], fast: false),
        Row("UUS Maybank", swift: ["SYBKIDJ1"], fast: false),
        Row("UUS CIMB Niaga", swift: ["SYNAIDJ1"], fast: false),
        Row("UUS OCBC NISP", swift: ["SYONIDJ1"], fast: false),
        Row("UUS BTN", swift: ["SYBTIDJ1"], fast: false),
        Row("UUS DKI", swift: ["SYDKIDJ1"], fast: false),
        Row("UUS Jatim", swift: ["SYJTIDJ1"], fast: false),
        Row("OVO", wallet: ["1010"], fast: false),
        Row("GoPay", wallet: ["1011"], fast: false),
        Row("DANA", wallet: ["1012"], fast: false),
        Row("ShopeePay", wallet: ["1013"], fast: false),
        Row("LinkAja", bi: "911", wallet: ["1014"], fast: false),
        Row("IMkas", bi: "789", fast: false),
    ]
}
