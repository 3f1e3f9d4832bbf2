import CLibPQ

extension PostgresConnection {
    /// The most statements a connection keeps prepared; past it, statements are sent unprepared.
    static let preparedStatementsMax = 256

    /// Sends one statement and returns a successful result for the caller to clear. Each distinct
    /// statement is prepared once per connection and then executed by name, so the server parses
    /// and analyses it once instead of on every call (the gateway sends the same few dozen
    /// statements over and over). Values are always sent apart from the SQL text.
    func run(_ sql: String, _ parameters: [PostgresValue]) throws(PostgresError) -> OpaquePointer {
        let result = try withStatement(sql, parameters) { handle, name, call in
            if let name {
                PQexecPrepared(handle, name, call.count, call.values, call.lengths, call.formats, 0)
            } else {
                PQexecParams(handle, sql, call.count, call.types, call.values, call.lengths, call.formats, 0)
            }
        }
        return try check(result, parameters: parameters)
    }

    /// The parameters of one call as libpq takes them.
    struct CallParameters {
        var count: Int32
        var types: [Oid]
        var values: [UnsafePointer<CChar>?]
        var lengths: [Int32]
        var formats: [Int32]
    }

    /// Calls `call` with the open handle, the name `sql` is prepared under (nil when the cache is
    /// full: it is then sent unprepared) and the parameters copied into C memory for the call.
    func withStatement<T>(
        _ sql: String, _ parameters: [PostgresValue],
        _ call: (OpaquePointer, String?, CallParameters) -> T
    ) throws(PostgresError) -> T {
        let handle = try openHandle()
        let buffers = try Self.parameterBuffers(parameters)
        defer { buffers.forEach { $0?.deallocate() } }
        let types = parameters.map { Oid($0.typeOID) }
        let name = try preparedName(for: sql, types: types, parameters: parameters)
        return call(handle, name, CallParameters(
            count: Int32(parameters.count), types: types, values: buffers.map { $0.map { UnsafePointer($0) } },
            lengths: parameters.map { Int32($0.wireBytes?.count ?? 0) }, formats: parameters.map { Int32($0.isBinary ? 1 : 0) }))
    }

    /// The name `sql` is prepared under with these parameter types, preparing it first if needed;
    /// nil when the cache is full. The types are part of the key: a bytea parameter is declared,
    /// the others are left for the server to infer.
    private func preparedName(
        for sql: String, types: [Oid], parameters: [PostgresValue]
    ) throws(PostgresError) -> String? {
        let key = PreparedStatementKey(sql: sql, types: types)
        if let name = preparedStatements[key] { return name }
        guard preparedStatements.count < Self.preparedStatementsMax else { return nil }
        let name = "s\(preparedStatements.count + 1)"
        let handle = try openHandle()
        PQclear(try check(PQprepare(handle, name, sql, Int32(types.count), types), parameters: parameters))
        preparedStatements[key] = name
        return name
    }

    /// Copies each parameter into C memory; text-format values must end with a NUL byte.
    private static func parameterBuffers(
        _ parameters: [PostgresValue]
    ) throws(PostgresError) -> [UnsafeMutablePointer<CChar>?] {
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        for (index, parameter) in parameters.enumerated() {
            guard let bytes = parameter.wireBytes else {
                buffers.append(nil)
                continue
            }
            // A NUL would silently cut a text value short; PostgreSQL text cannot hold one anyway.
            if !parameter.isBinary && bytes.contains(0) {
                buffers.forEach { $0?.deallocate() }
                throw PostgresError(
                    kind: .protocolViolation,
                    message: "parameter $\(index + 1) contains a NUL character, which PostgreSQL text cannot hold")
            }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { buffer.update(from: $0.baseAddress!, count: bytes.count) }
            }
            buffer[bytes.count] = 0
            buffers.append(buffer)
        }
        return buffers
    }

    /// Turns a libpq result into itself on success or into the matching error (clearing it).
    func check(_ result: OpaquePointer?, parameters: [PostgresValue]) throws(PostgresError) -> OpaquePointer {
        guard let handle = handle, let result else {
            throw lostOrFailed(result: nil)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        case PGRES_FATAL_ERROR where PQstatus(handle) == CONNECTION_BAD:
            defer { PQclear(result) }
            throw lostOrFailed(result: result)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR:
            defer { PQclear(result) }
            throw PostgresError(serverResult: result, parameters: parameters)
        default:
            let status = String(cString: PQresStatus(PQresultStatus(result)))
            PQclear(result)
            throw PostgresError(kind: .protocolViolation, message: "unsupported result status \(status)")
        }
    }

    /// A `.connectionLost` error; the connection must not be used again.
    private func lostOrFailed(result: OpaquePointer?) -> PostgresError {
        var message = handle.map(Self.errorMessage) ?? "the connection is closed"
        var sqlState: String?
        if let result, let primary = PQresultErrorField(result, diagnosticField("M")) {
            message = String(cString: primary)
            sqlState = PQresultErrorField(result, diagnosticField("C")).map { String(cString: $0) }
        }
        return PostgresError(kind: .connectionLost, message: message, sqlState: sqlState)
    }

    static func rows(of result: OpaquePointer) -> [PostgresRow] {
        let columns = columnNames(of: result)
        return (0..<PQntuples(result)).map { row($0, of: result, columns: columns) }
    }

    static func columnNames(of result: OpaquePointer) -> [String] {
        (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
    }

    static func row(_ row: Int32, of result: OpaquePointer, columns: [String]) -> PostgresRow {
        let values: [String?] = (0..<Int32(columns.count)).map { column in
            guard PQgetisnull(result, row, column) == 0 else { return nil }
            // The length is known: no strlen over kilobyte-sized JSON cells.
            let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(PQgetlength(result, row, column))), as: UTF8.self)
        }
        return PostgresRow(columns: columns, values: values)
    }
}

/// A `PG_DIAG_*` field code; the C macros are character literals Swift does not import.
func diagnosticField(_ code: Unicode.Scalar) -> Int32 {
    Int32(code.value)
}
