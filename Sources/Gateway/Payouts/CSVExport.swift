import HTTP
import HTTPServer
import Payouts
import Postgres
import Store
import Ledger

/// `Accept: text/csv` on list endpoints: the same filtered list, streamed page by page so a
/// month of payouts never sits whole in memory. The first page is read before the answer is
/// given: a read that fails then (database down, pool exhausted) gets a problem document, and
/// only a failure later in a long export can still cut a 200 short.
enum CSVExport {
    static let pageSize = 500

    /// Whether `Accept` names `text/csv` and prefers it at least as much as JSON (RFC 9110
    /// §12.5.1): `text/csv;q=0` refuses CSV, and a lower q than `application/json` asks for JSON.
    static func isWanted(_ request: ServerRequest) -> Bool {
        guard let accept = request.headers["Accept"] else { return false }
        var csv: Int?
        var json = 0, jsonSpecificity = -1
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";")
            guard let first = parts.first else { continue }  // A range of only ";" names nothing.
            let type = first.trimmingSpaces.lowercased()
            let q = parts.dropFirst().lazy.map { $0.trimmingSpaces.lowercased() }.first { $0.hasPrefix("q=") }
            // A q that does not parse counts as 1, the default, rather than refusing the range.
            let weight = q.flatMap { thousandths($0.dropFirst(2)) } ?? 1000
            // The most specific range that matches JSON sets its weight.
            let specificity: Int
            switch type {
            case "text/csv": csv = weight; continue
            case "application/json": specificity = 2
            case "application/*": specificity = 1
            case "*/*": specificity = 0
            default: continue
            }
            if specificity > jsonSpecificity { (json, jsonSpecificity) = (weight, specificity) }
        }
        guard let csv else { return false }
        return csv > 0 && csv >= json
    }

    /// An RFC 9110 qvalue (`0`, `0.5`, `1.000`) in thousandths.
    static func thousandths(_ text: Substring) -> Int? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = Int(parts[0]), (0...1).contains(whole), parts[0].count == 1 else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1].utf8
            guard digits.count <= 3 else { return nil }
            for (position, digit) in digits.enumerated() {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
                fraction += Int(digit - UInt8(ascii: "0")) * [100, 10, 1][position]
            }
        }
        let value = whole * 1000 + fraction
        return value <= 1000 ? value : nil
    }

    static let payoutColumns = ["id", "reference", "status", "amount", "currency", "bank", "account_number", "account_name",
                                "clearing", "provider", "failure_code", "failure_message", "created_at", "updated_at"]

    static func payouts(store: PayoutStore, filter: PayoutFilter, unmasked: Bool) async throws -> HTTPResponse {
        let first = try await store.list(filter, after: nil, limit: pageSize)
        let stream = HTTPBodyStream { writer in
            try await writer.write(line(payoutColumns))
            var page = first
            while true {
                var chunk: [UInt8] = []
                for stored in page {
                    let payout = stored.payout
                    chunk += line([payout.id, payout.reference, payout.status.rawValue, payout.amount.decimalString,
                                   payout.currency.rawValue, payout.beneficiary.bank.id,
                                   unmasked ? payout.beneficiary.accountNumber : payout.maskedAccountNumber,
                                   payout.beneficiary.accountName, payout.clearing.rawValue, payout.provider?.rawValue ?? "",
                                   payout.failure?.code.rawValue ?? "", payout.failure?.message ?? "",
                                   payout.createdAt.rfc3339, payout.updatedAt.rfc3339])
                }
                try await writer.write(chunk)
                guard page.count == pageSize, let last = page.last else { return }
                page = try await store.list(filter, after: Cursor(time: last.payout.createdAt.microsecondsSinceEpoch, id: last.payout.id),
                                            limit: pageSize)
            }
        }
        return HTTPResponse(status: .ok, headers: HTTPHeaders([
            ("Content-Type", "text/csv; charset=utf-8"), ("Content-Disposition", "attachment; filename=\"payouts.csv\""),
        ]), stream: stream)
    }

    /// One RFC 4180 record. Cells that a spreadsheet would run as a formula get a leading `'`.
    /// Both checks read bytes, not Characters: `"\r\n"` is one Character (equal to neither
    /// `"\r"` nor `"\n"`), and so is a quote or `=` followed by a combining mark, which a
    /// Character test would let through unquoted or unescaped.
    static func line(_ cells: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var text = Array(cell.utf8)
            if let first = text.first, formulaLeads.contains(first), Money(decimal: cell) == nil {
                text.insert(UInt8(ascii: "'"), at: 0)
            }
            if text.contains(where: quotingBytes.contains) {
                bytes.append(UInt8(ascii: "\""))
                for byte in text {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: text)
            }
        }
        bytes.append(contentsOf: "\r\n".utf8)
        return bytes
    }

    private static let formulaLeads: Set<UInt8> = Set("=+-@\t\r".utf8)
    private static let quotingBytes: Set<UInt8> = Set(",\"\n\r".utf8)
}

extension CSVExport {
    static let ledgerColumns = ["id", "journal_id", "payout_id", "account", "direction", "amount", "status", "created_at"]

    static func ledgerEntries(pool: PostgresPool, ledger: LedgerStore, filter: LedgerEntryFilter) async throws -> HTTPResponse {
        @Sendable func read(after cursor: LedgerCursor?) async throws -> LedgerPage {
            try await pool.withConnection { try ledger.entries(filter: filter, after: cursor, limit: LedgerStore.pageSizeMax, on: $0) }
        }
        let first = try await read(after: nil)
        let stream = HTTPBodyStream { writer in
            try await writer.write(line(ledgerColumns))
            var page = first
            while true {
                var chunk: [UInt8] = []
                for entry in page.entries {
                    chunk += line([String(entry.id), entry.journalID, entry.payoutID ?? "", entry.account, entry.direction.rawValue,
                                   Money(rupiah: entry.amount)?.decimalString ?? "", entry.status.rawValue, entry.createdAt])
                }
                try await writer.write(chunk)
                guard let next = page.nextCursor else { return }
                page = try await read(after: next)
            }
        }
        return HTTPResponse(status: .ok, headers: HTTPHeaders([
            ("Content-Type", "text/csv; charset=utf-8"), ("Content-Disposition", "attachment; filename=\"ledger-entries.csv\""),
        ]), stream: stream)
    }
}
