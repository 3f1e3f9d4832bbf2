-- The rows one accepted payout writes, in one statement: the payout with its routing decision,
-- its first event, the outbox job, the idempotency key with its stored answer, and the ledger hold
-- (a journal and two postings). The floor the gateway's create endpoint is compared with
-- (`make bench`). .ci/bench passes :routing and :response_hex, what the gateway stored for a probe
-- payout, so both write the same bytes; with -M prepared they are bound as parameters and parsed
-- on every transaction, as the gateway's are.
WITH p AS (
    INSERT INTO payouts (id, api_key_id, reference, status, amount, currency, bank, account_number, account_name,
        requested_clearing, clearing, metadata, routing, created_at, updated_at)
    VALUES ('po_' || gen_random_uuid(), (SELECT min(id) FROM api_keys), gen_random_uuid()::text, 'pending', 150000, 'IDR',
        'bca', '8760673566', 'Budi Santoso', 'auto', 'auto', '{}', CAST(:routing AS json), now(), now())
    RETURNING id, created_at
), e AS (
    INSERT INTO payout_events (payout_id, status, actor, detail, created_at) SELECT id, 'pending', 'bench', 'accepted', created_at FROM p
), o AS (
    INSERT INTO outbox (payout_id, kind) SELECT id, 'dispatch' FROM p
), k AS (
    INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body)
    SELECT (SELECT min(id) FROM api_keys), id, sha256(id::bytea), 202, decode(:response_hex, 'hex') FROM p
), j AS (
    INSERT INTO ledger_journals (id, kind, payout_id) SELECT 'jr_' || id, 'hold', id FROM p
)
INSERT INTO ledger_postings (journal_id, payout_id, account, direction, amount, status, created_at, updated_at)
SELECT 'jr_' || p.id, p.id, v.account, v.direction, 150000, 'pending', p.created_at, p.created_at
FROM p, (VALUES ('available_for_payouts', 'debit'), ('payouts_in_flight', 'credit')) AS v (account, direction);
