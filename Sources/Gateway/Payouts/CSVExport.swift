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

    static func isWanted(_ request: ServerRequest) -> Bool {
        guard let accept = request.headers["Accept"] else { return false }
        return accept.split(separator: ",").contains { $0.split(separator: ";")[0].trimmingSpaces.lowercased() == "text/csv" }
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
    static func line(_ cells: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var text = cell
            if let first = text.first, "=+-@\t\r".contains(first), Money(decimal: text) == nil { text = "'" + text }
            if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: text.replacing("\"", with: "\"\"").utf8)
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: text.utf8)
            }
        }
        bytes.append(contentsOf: "\r\n".utf8)
        return bytes
    }
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
