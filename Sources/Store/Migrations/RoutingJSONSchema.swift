extension Schema {
    /// The routing decision stored as `json` rather than `jsonb` (migration 10). It is written once
    /// and only ever read back whole, as part of every payout answer; jsonb re-serialises it on
    /// each read (escaping every string of a 3 KB document, most of PostgreSQL's time on a list
    /// page), while json returns the stored text as is, the same bytes as the 202 answer.
    static let routingJSONSQL = """
        -- A new type drops the column's compression setting (migration 9's lz4); set it again.
        ALTER TABLE payouts ALTER COLUMN routing TYPE json USING routing::json,
            ALTER COLUMN routing SET COMPRESSION lz4;

        DROP FUNCTION payout_create(text, bigint, text, bytea, bytea, text, text, bigint, text, text, text, text, text,
            text, text, text, jsonb, bigint, text, text, jsonb, bigint, boolean);

        """ + payoutCreateSQL(routing: "json") + payoutBatchCreateSQL(routing: "json")
}

extension Schema {
    /// Batch items keep `validate_account` (migration 12): the function gains one array.
    static let batchValidateAccountSQL = """
        DROP FUNCTION payout_batch_create(text, bigint, text, bytea, bytea, text, text, text, bigint, bigint, text,
            text[], text[], text[], bigint[], text[], text[], text[], text[], text[], text[], text[], text[], text[],
            text[], bigint[], text[]);

        """ + payoutBatchCreateSQL(routing: "json", validatesAccounts: true)
}
