extension Money {
    /// Why a wire amount was refused, precise enough to tell the client what to fix.
    public enum ParseError: Error, Hashable, Sendable {
        /// Nothing was given.
        case empty
        /// A leading `-`: payouts are never negative.
        case negative
        /// A leading `+`: the wire form carries no sign.
        case sign
        /// A character that is neither a digit nor the one decimal point (spaces, `,`, `e`, letters).
        case invalidCharacter(Character)
        /// A zero before other digits ("0150000"), which some readers take for octal.
        case leadingZero
        /// A decimal point without digits on one side ("150000.", ".50").
        case missingDigits
        /// More than two fraction digits: IDR has at most a two-digit (always zero) fraction.
        case fractionTooLong
        /// A fraction other than zero: IDR payouts are whole rupiah [seed-002][seed-004].
        case fractionalRupiah
        /// More rupiah than an `Int64` holds.
        case overflow
    }

    /// Parses the wire form: digits with an optional fraction of one or two zero digits.
    ///
    /// "150000", "150000.0" and "150000.00" are the same amount (DESIGN.md, Contract).
    public init?(decimal text: String) {
        guard case .success(let money) = Money.parse(text) else { return nil }
        self = money
    }

    /// Parses the wire form, saying exactly what is wrong when it cannot.
    public static func parse(_ text: String) -> Result<Money, ParseError> {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return .failure(.empty) }
        if first == UInt8(ascii: "-") { return .failure(.negative) }
        if first == UInt8(ascii: "+") { return .failure(.sign) }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(point ?? bytes.endIndex)]
        let fraction = point.map { bytes[($0 + 1)...] } ?? []
        if let bad = text.first(where: { !$0.isASCII }) {
            return .failure(.invalidCharacter(bad))
        }
        if let bad = (whole + fraction).first(where: { !isDigit($0) }) {
            return .failure(.invalidCharacter(Character(Unicode.Scalar(bad))))
        }
        if whole.isEmpty || (point != nil && fraction.isEmpty) { return .failure(.missingDigits) }
        if whole.count > 1 && whole.first == UInt8(ascii: "0") { return .failure(.leadingZero) }
        if fraction.count > 2 { return .failure(.fractionTooLong) }
        if fraction.contains(where: { $0 != UInt8(ascii: "0") }) { return .failure(.fractionalRupiah) }
        return accumulate(whole)
    }

    private static func accumulate(_ digits: ArraySlice<UInt8>) -> Result<Money, ParseError> {
        var value: Int64 = 0
        for digit in digits {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            if overflowA || overflowB { return .failure(.overflow) }
            value = next
        }
        return .success(Money(unchecked: value))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

extension Money.ParseError: CustomStringConvertible {
    /// A sentence for a validation message.
    public var description: String {
        switch self {
        case .empty: "must not be empty"
        case .negative: "must not be negative"
        case .sign: "must not carry a sign"
        case .invalidCharacter(let character):
            "must be digits with an optional .00 (found '\(character)'; no spaces, separators or exponents)"
        case .leadingZero: "must not start with 0"
        case .missingDigits: "must have digits on both sides of the decimal point"
        case .fractionTooLong: "must have at most two decimals"
        case .fractionalRupiah: "must be whole rupiah (IDR payouts have no cents)"
        case .overflow: "is too large"
        }
    }
}
