import Postgres

/// The gateway's schema, as ordered migrations. Append only: a released migration never changes.
public enum Schema {
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "api_keys", sql: apiKeysSQL),
        Migration(version: 2, name: "ledger", sql: ledgerSQL),
        Migration(version: 3, name: "payouts", sql: payoutsSQL),
        Migration(version: 4, name: "dispatch", sql: dispatchSQL),
        Migration(version: 5, name: "webhooks", sql: webhooksSQL),
        Migration(version: 6, name: "batches", sql: batchesSQL),
        Migration(version: 7, name: "account_validation", sql: accountValidationSQL),
        Migration(version: 9, name: "write_path", sql: writePathSQL),
        Migration(version: 10, name: "routing_json", sql: routingJSONSQL),
        Migration(version: 11, name: "create_in_one_statement", sql: createInOneStatementSQL),
        Migration(version: 12, name: "batch_validate_account", sql: batchValidateAccountSQL),
        Migration(version: 13, name: "batch_completed_last", sql: batchCompletedLastSQL),
        Migration(version: 14, name: "execute_immediately", sql: executeImmediatelySQL),
        Migration(version: 15, name: "ledger_check_once", sql: ledgerCheckOnceSQL),
        Migration(version: 16, name: "ledger_check_generic_plan", sql: ledgerCheckGenericPlanSQL),
        Migration(version: 17, name: "outbox_failing_since", sql: outboxFailingSinceSQL),
        Migration(version: 18, name: "webhook_events_subscribed_only", sql: webhookEventsSubscribedOnlySQL),
    ]

    public static var migrator: Migrator { Migrator(migrations: migrations) }
}

extension Schema {
    static let apiKeysSQL = """
        CREATE TABLE api_keys (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name         text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
            key_hash     bytea NOT NULL UNIQUE,
            scopes       text[] NOT NULL,
            created_at   timestamptz NOT NULL DEFAULT now(),
            last_used_at timestamptz,
            revoked_at   timestamptz
        );
        """
}
