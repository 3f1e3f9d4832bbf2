import Postgres
import Testing

@Suite struct QueryTests {
    @Test func roundTripsEveryValueType() async throws {
        let bytes: [UInt8] = [0, 1, 0x27, 0x5c, 0x7f, 0x80, 0xff]
        let text = "Zürich ✓ 日本 🚀 'quoted' \\ backslash"
        let row = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection in
                try connection.query(
                    "SELECT $1::text AS t, $2::int8 AS big, $3::int8 AS small, $4::bool AS yes, $5::bool AS no, $6::bytea AS raw, $7::text AS missing, $8::bytea AS empty",
                    [.text(text), .integer(.max), PostgresValue(Int64.min), true, PostgresValue(false), .bytes(bytes), nil, .bytes([])])
            }
        }
        let only = try #require(row.first)
        #expect(try only.decode("t", as: String.self) == text)
        #expect(try only.decode("big", as: Int64.self) == .max)
        #expect(try only.decode("small", as: Int64.self) == .min)
        #expect(try only.decode("yes", as: Bool.self) == true)
        #expect(try only.decode("no", as: Bool.self) == false)
        #expect(try only.decode("raw", as: [UInt8].self) == bytes)
        #expect(try only.decode("missing", as: String?.self) == nil)
        #expect(try only.decode(6, as: Int?.self) == nil)
        #expect(try only.decode("empty", as: [UInt8].self) == [])
    }

    @Test func decodeErrorsNameTheColumn() async throws {
        let rows = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection in
                try connection.query("SELECT NULL::text AS nothing, 3000000000::int8 AS wide")
            }
        }
        let row = try #require(rows.first)
        let null = try #require(throws: PostgresError.self) { try row.decode("nothing", as: String.self) }
        #expect(null.kind == .decode)
        #expect(null.message.contains("nothing"))
        let wide = try #require(throws: PostgresError.self) { try row.decode("wide", as: Int32.self) }
        #expect(wide.message.contains("wide"))
        #expect(!wide.description.contains("3000000000"))
        #expect(throws: PostgresError.self) { try row.decode("absent", as: Int.self) }
    }

    @Test func injectionAttemptStaysData() async throws {
        let hostile = "x'); DROP TABLE notes; --"
        let stored = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection in
                try connection.execute("CREATE TABLE notes (body text)")
                try connection.execute("INSERT INTO notes (body) VALUES ($1)", [.text(hostile)])
                return try connection.query("SELECT body FROM notes").map { try $0.decode(0, as: String.self) }
            }
        }
        #expect(stored == [hostile])
    }

    @Test func executeCountsAffectedRows() async throws {
        let counts = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection in
                try connection.execute("CREATE TABLE items (n int)")
                let inserted = try connection.execute("INSERT INTO items SELECT generate_series(1, 5)")
                let updated = try connection.execute("UPDATE items SET n = n + 1 WHERE n > $1", [3])
                return [inserted, updated]
            }
        }
        #expect(counts == [5, 2])
    }

    @Test func uniqueViolationCarriesSQLStateAndConstraintButNoValues() async throws {
        let email = "secret.person@example.com"
        let error = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection -> PostgresError? in
                try connection.execute("CREATE TABLE accounts (email text CONSTRAINT accounts_email_key UNIQUE)")
                try connection.execute("INSERT INTO accounts VALUES ($1)", [.text(email)])
                do throws(PostgresError) {
                    try connection.execute("INSERT INTO accounts VALUES ($1)", [.text(email)])
                    return nil
                } catch {
                    return error
                }
            }
        }
        let failure = try #require(error)
        #expect(failure.kind == .server)
        #expect(failure.sqlState == "23505")
        #expect(failure.constraint == "accounts_email_key")
        #expect(!failure.description.contains(email))
        #expect(!failure.debugDescription.contains(email))
        #expect(failure.debugDescription.contains("accounts_email_key"))
    }

    @Test func invalidInputErrorDoesNotQuoteTheValue() async throws {
        let secret = "4111-1111-secret"
        let error = try await withTestPool { pool, _ async throws in
            try await pool.withConnection { connection -> PostgresError? in
                do throws(PostgresError) {
                    _ = try connection.query("SELECT $1::int", [.text(secret)])
                    return nil
                } catch {
                    return error
                }
            }
        }
        let failure = try #require(error)
        #expect(failure.sqlState == "22P02")
        #expect(!failure.message.contains(secret))
        #expect(!failure.debugDescription.contains(secret))
    }
}
