import Postgres
import Testing

@Suite struct ListenerTests {
    /// The pid of the listener's backend once its LISTEN has completed, other than `excluding`.
    private static func listeningBackend(_ pool: PostgresPool, excluding: Int? = nil) async throws -> Int {
        var found: Int?
        let seen = try await eventually {
            found = try await pool.withConnection { connection in
                try connection.query(
                    """
                    SELECT pid FROM pg_stat_activity
                    WHERE datname = current_database() AND state = 'idle' AND query LIKE 'LISTEN %'
                      AND pid <> $1::int
                    """, [PostgresValue(excluding ?? 0)]
                ).first?.decode(0, as: Int.self)
            }
            return found != nil
        }
        #expect(seen)
        return try #require(found)
    }

    /// The first notification with `payload`, or nil after ten seconds.
    private static func next(
        _ stream: AsyncStream<PostgresNotification>, payload: String
    ) async -> PostgresNotification? {
        await withTaskGroup(of: PostgresNotification?.self) { group in
            group.addTask {
                for await notification in stream where notification.payload == payload { return notification }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(10))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test func receivesNotificationsAndSurvivesATerminatedBackend() async throws {
        try await withTestPool { pool, database async throws in
            let listener = PostgresListener(configuration: try database.configuration(), channels: ["payouts", "Mixed Case"])
            let stream = listener.notifications()
            let before = try await Self.listeningBackend(pool)

            try await pool.withConnection { connection in try connection.notify("payouts", payload: "first") }
            #expect(await Self.next(stream, payload: "first") == PostgresNotification(channel: "payouts", payload: "first"))

            try await pool.withConnection { connection in
                try connection.execute("SELECT pg_terminate_backend($1::int, 10000)", [PostgresValue(before)])
            }
            _ = try await Self.listeningBackend(pool, excluding: before)
            try await pool.withTransaction { connection in try connection.notify("Mixed Case", payload: "second") }
            #expect(await Self.next(stream, payload: "second") == PostgresNotification(channel: "Mixed Case", payload: "second"))

            listener.stop()
            for await _ in listener.notifications() {
                Issue.record("a stopped listener yields nothing")
            }
        }
    }
}
