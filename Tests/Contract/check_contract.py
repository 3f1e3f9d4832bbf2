"""Checks that the gateway's real answers match openapi.yaml.

Starts the built gateway on a fresh database of the throw-away server (TEST_DATABASE_URL, set by
.ci/with-postgres), sends a scripted set of requests, and validates each answer: its status must be
declared for the operation, its content type declared for that status, and its JSON body valid
against the declared schema (OpenAPI 3.1 / JSON Schema 2020-12). Exits non-zero on any mismatch.
"""
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import yaml
from jsonschema import Draft202012Validator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = yaml.safe_load(open(os.path.join(ROOT, "openapi.yaml")))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def operation(method, path):
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path.split("?")[0]) and method.lower() in item:
            return template, item[method.lower()]
    return None, None


def deref(node):
    if isinstance(node, dict) and set(node) == {"$ref"}:
        target = SPEC
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return deref(target)
    return node


class Contract:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.checked = 0
        self.failures = []

    def call(self, method, path, key=None, body=None, headers=None, expect=None):
        request = urllib.request.Request(self.base + path, method=method, data=body.encode() if body is not None else None)
        if key:
            request.add_header("Authorization", f"Bearer {key}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request) as response:
                status, content_type, raw = response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            status, content_type, raw = error.code, error.headers.get("Content-Type", ""), error.read()
        self.check(method, path, status, content_type, raw, expect)
        return status, raw

    def check(self, method, path, status, content_type, raw, expect):
        self.checked += 1
        where = f"{method} {path} -> {status}"
        if expect is not None and status != expect:
            self.failures.append(f"{where}: expected {expect}; body {raw[:300]!r}")
            return
        template, op = operation(method, path)
        if op is None:
            self.failures.append(f"{where}: no operation in openapi.yaml")
            return
        declared = op.get("responses", {})
        if str(status) not in declared:
            self.failures.append(f"{where}: status not declared for {method} {template}")
            return
        response = deref(declared[str(status)])
        if status == 204 and not raw and "content" not in response:
            return
        media = content_type.split(";")[0].strip()
        content = response.get("content", {})
        if media not in content:
            self.failures.append(f"{where}: content type {media!r} not declared (declared: {list(content)})")
            return
        if media.endswith("json"):
            schema = dict(deref(content[media]["schema"]))
            schema["components"] = SPEC["components"]
            errors = sorted(Draft202012Validator(schema).iter_errors(json.loads(raw)), key=str)
            for error in errors[:3]:
                self.failures.append(f"{where}: {error.message} at {list(error.absolute_path)}")


def main(binary):
    server = os.environ["TEST_DATABASE_URL"]
    database = "contract_" + uuid.uuid4().hex[:8]
    subprocess.run(["psql", server, "-qc", f"CREATE DATABASE {database}"], check=True)
    url = server.replace("/postgres?", f"/{database}?")
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, HOST="127.0.0.1", PORT=str(port), LOG_LEVEL="warning",
               RATE_LIMIT_PER_SECOND="1", RATE_LIMIT_BURST="80",
               # Every provider configured so routing has candidates; with no dispatcher in this
               # process nothing is sent to them, so payouts stay where the API put them.
               DISPATCH_WORKERS="0", WEBHOOK_ALLOW_PRIVATE_URLS="true",
               DUITKU_BASE_URL="http://127.0.0.1:9", DUITKU_USER_ID="3551", DUITKU_EMAIL="t@example.com",
               DUITKU_SECRET_KEY="s", DURIANPAY_BASE_URL="http://127.0.0.1:9", DURIANPAY_SECRET_KEY="s",
               DOKU_BASE_URL="http://127.0.0.1:9", DOKU_CLIENT_ID="c", DOKU_SECRET_KEY="s", DOKU_SOURCE_ACCOUNT_ID="a",
               SINGAPAY_BASE_URL="http://127.0.0.1:9", SINGAPAY_PARTNER_ID="p", SINGAPAY_CLIENT_ID="c",
               SINGAPAY_CLIENT_SECRET="s", SINGAPAY_ACCOUNT_ID="a")
    gateway = subprocess.Popen([binary, "serve"], env=env)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        keys = {}
        for name, scopes in [("all", "payouts:write,payouts:read,payouts:approve,ledger:read,admin"), ("reader", "payouts:read"),
                             ("limited", "payouts:read"), ("approver", "payouts:approve,payouts:read")]:
            keys[name] = subprocess.run([binary, "keys", "create", "--name", name, "--scopes", scopes], env=env,
                                        check=True, capture_output=True, text=True).stdout.strip()
        run(Contract(port), keys, url)
    finally:
        gateway.terminate()
        gateway.wait(timeout=20)
        subprocess.run(["psql", server, "-qc", f"DROP DATABASE {database} WITH (FORCE)"])


def run(c, keys, database_url):
    admin, reader = keys["all"], keys["reader"]
    callbacks(c)
    body = json.dumps({"reference": "contract-1", "amount": "150000", "currency": "IDR",
                       "beneficiary": {"bank": "bca", "account_number": "8760673566", "account_name": "Budi Santoso",
                                       "email": "budi@example.com", "phone": "+6281234567890"},
                       "clearing": "bifast", "provider": "duitku", "description": "contract", "metadata": {"order": "77"}})
    json_post = {"Content-Type": "application/json", "Idempotency-Key": "contract-key-1"}
    c.call("GET", "/healthz", expect=200)
    c.call("GET", "/readyz", expect=200)
    c.call("GET", "/metrics", expect=200)
    status, raw = c.call("POST", "/v1/payouts", admin, body, json_post, expect=202)
    payout_id = json.loads(raw)["id"]
    c.call("POST", "/v1/payouts", admin, body, json_post, expect=202)
    c.call("POST", "/v1/payouts", admin, body.replace("150000", "160000"), json_post, expect=422)
    c.call("POST", "/v1/payouts", admin, body, {"Content-Type": "application/json"}, expect=400)
    c.call("POST", "/v1/payouts", admin, body, {"Content-Type": "application/json", "Idempotency-Key": "other"}, expect=409)
    c.call("POST", "/v1/payouts", admin, "{", {"Content-Type": "application/json", "Idempotency-Key": "k2"}, expect=400)
    c.call("POST", "/v1/payouts", admin, body, {"Content-Type": "text/plain", "Idempotency-Key": "k3"}, expect=415)
    c.call("POST", "/v1/payouts", admin, '{"amount": 5}', {"Content-Type": "application/json", "Idempotency-Key": "k4"}, expect=422)
    c.call("POST", "/v1/payouts", None, body, json_post, expect=401)
    c.call("POST", "/v1/payouts", reader, body, json_post, expect=403)
    c.call("GET", f"/v1/payouts/{payout_id}", admin, expect=200)
    c.call("GET", f"/v1/payouts/{payout_id}", reader, expect=200)
    c.call("GET", "/v1/payouts/po_missing", reader, expect=404)
    status, raw = c.call("GET", "/v1/payouts?limit=1&status=pending&bank=014&min_amount=10000", reader, expect=200)
    c.call("GET", "/v1/payouts?limit=0&colour=red", reader, expect=400)
    c.call("GET", "/v1/payouts", reader, headers={"Accept": "text/csv"}, expect=200)
    c.call("GET", f"/v1/payouts/{payout_id}/events", reader, expect=200)
    c.call("GET", "/v1/ledger/entries?limit=1", admin, expect=200)
    c.call("GET", f"/v1/ledger/entries?payout_id={payout_id}&status=pending", admin, expect=200)
    c.call("GET", "/v1/ledger/entries?status=lost", admin, expect=400)
    c.call("GET", "/v1/ledger/entries", admin, headers={"Accept": "text/csv"}, expect=200)
    c.call("GET", "/v1/ledger/entries", reader, expect=403)
    c.call("GET", "/v1/balances", admin, expect=200)
    c.call("GET", "/v1/balances?x=1", admin, expect=400)
    # Every provider is unreachable here, so an account check can only be refused or answered 503.
    account = json.dumps({"bank": "bca", "account_number": "8760673566", "expected_name": "Budi Santoso"})
    c.call("POST", "/v1/account-validations", admin, account, {"Content-Type": "application/json"}, expect=503)
    c.call("POST", "/v1/account-validations", admin, '{"bank": "bcaa", "account_number": "12ab", "x": 1}',
           {"Content-Type": "application/json"}, expect=422)
    c.call("POST", "/v1/account-validations", reader, account, {"Content-Type": "application/json"}, expect=403)
    checked = body.replace('"contract-1"', '"contract-3"').replace('"metadata"', '"validate_account": true, "metadata"')
    _, raw = c.call("POST", "/v1/payouts", admin, checked, {"Content-Type": "application/json", "Idempotency-Key": "k6"}, expect=202)
    checked_id = json.loads(raw)["id"]
    preview = {"Content-Type": "application/json"}
    c.call("POST", "/v1/routes/preview", admin, body, preview, expect=200)
    c.call("POST", "/v1/routes/preview", admin, body.replace('"execute"', '"x"').replace("contract-1", "c2").replace('"clearing": "bifast"', '"execute": "soon"'), preview, expect=422)
    c.call("POST", "/v1/routes/preview", reader, body, preview, expect=403)
    ewallet = json.dumps({"reference": "contract-2", "amount": "20000000", "currency": "IDR", "provider": "doku",
                          "beneficiary": {"bank": "ovo", "account_number": "081234567890", "account_name": "Ani"}})
    c.call("POST", "/v1/payouts", admin, ewallet, {"Content-Type": "application/json", "Idempotency-Key": "k5"}, expect=422)
    c.call("GET", "/v1/banks", reader, expect=200)
    c.call("GET", "/v1/banks?q=1", reader, expect=400)
    resolve_headers = {"Content-Type": "application/json", "Idempotency-Key": "resolve-1"}
    not_paid = json.dumps({"outcome": "not_paid", "note": "checked with the provider"})
    c.call("POST", f"/v1/payouts/{checked_id}/resolve", admin, not_paid, resolve_headers, expect=409)
    c.call("POST", "/v1/payouts/po_missing/resolve", admin, not_paid, resolve_headers, expect=404)
    c.call("POST", f"/v1/payouts/{checked_id}/resolve", admin, '{"outcome": "paid"}', resolve_headers, expect=422)
    c.call("POST", f"/v1/payouts/{checked_id}/resolve", reader, not_paid, resolve_headers, expect=403)
    subprocess.run(["psql", database_url, "-qc", f"UPDATE payouts SET status = 'needs_review' WHERE id = '{checked_id}'"],
                   check=True)
    c.call("POST", f"/v1/payouts/{checked_id}/resolve", admin, not_paid, resolve_headers, expect=200)
    c.call("POST", f"/v1/payouts/{checked_id}/resolve", admin, not_paid, resolve_headers, expect=200)
    cancel = {"Idempotency-Key": "cancel-1"}
    c.call("POST", f"/v1/payouts/{payout_id}/cancel", admin, None, cancel, expect=200)
    c.call("POST", f"/v1/payouts/{payout_id}/cancel", admin, None, cancel, expect=200)
    c.call("POST", "/v1/payouts/po_missing/cancel", admin, None, {"Idempotency-Key": "cancel-2"}, expect=404)
    c.call("POST", "/v1/payouts/po_missing/cancel", admin, None, cancel, expect=422)  # the key is another cancel's
    c.call("POST", f"/v1/payouts/{payout_id}/cancel", admin, None, None, expect=400)
    webhooks(c, admin, reader, database_url)
    batches(c, keys)
    for _ in range(81):
        status, _ = c.call("GET", "/v1/payouts?limit=1", keys["limited"])
        if status == 429:
            break
    if status != 429:
        c.failures.append("the rate limit never answered 429")
    if c.failures:
        print("\n".join(["openapi contract: mismatches"] + c.failures), file=sys.stderr)
        sys.exit(1)
    print(f"openapi contract: {c.checked} answers match openapi.yaml")


def callbacks(c):
    # Provider callbacks carry no API key; an unverifiable one is refused, an unknown provider is 404.
    c.call("POST", "/v1/callbacks/duitku", None, "not a callback", {"Content-Type": "application/x-www-form-urlencoded"},
           expect=401)
    c.call("POST", "/v1/callbacks/durianpay", None, json.dumps({"event": "disbursement.completed", "data": {}}),
           {"Content-Type": "application/json"}, expect=401)
    c.call("POST", "/v1/callbacks/paypal", None, "{}", {"Content-Type": "application/json"}, expect=404)


def webhooks(c, admin, reader, database_url):
    # Port 9 refuses, so the gateway's own sender only records failed tries meanwhile.
    body = json.dumps({"url": "http://127.0.0.1:9/hook", "events": ["payout.succeeded"]})
    json_post = {"Content-Type": "application/json", "Idempotency-Key": "hook-1"}
    status, raw = c.call("POST", "/v1/webhook-endpoints", admin, body, json_post, expect=201)
    endpoint_id = json.loads(raw)["id"]
    c.call("POST", "/v1/webhook-endpoints", admin, body, json_post, expect=201)
    c.call("POST", "/v1/webhook-endpoints", admin, json.dumps({"url": "ftp://x", "events": ["payout.paid"]}),
           {"Content-Type": "application/json", "Idempotency-Key": "hook-2"}, expect=422)
    c.call("POST", "/v1/webhook-endpoints", reader, body, json_post, expect=403)
    c.call("GET", "/v1/webhook-endpoints", admin, expect=200)
    c.call("GET", f"/v1/webhook-endpoints/{endpoint_id}", admin, expect=200)
    c.call("GET", "/v1/webhook-endpoints/we_missing", admin, expect=404)
    subprocess.run(["psql", database_url, "-qc", """SELECT webhook_event('payout.succeeded', NULL, NULL, '{"id":"po_x"}')"""],
                   check=True, capture_output=True)
    status, raw = c.call("GET", f"/v1/webhook-deliveries?endpoint_id={endpoint_id}&limit=1", admin, expect=200)
    delivery_id = json.loads(raw)["data"][0]["id"]
    c.call("GET", f"/v1/webhook-deliveries/{delivery_id}", admin, expect=200)
    c.call("GET", "/v1/webhook-deliveries/wd_missing", admin, expect=404)
    c.call("GET", "/v1/webhook-deliveries?status=lost", admin, expect=400)
    c.call("POST", f"/v1/webhook-deliveries/{delivery_id}/redeliver", admin, None, {"Idempotency-Key": "again-1"}, expect=200)
    c.call("DELETE", f"/v1/webhook-endpoints/{endpoint_id}", admin, expect=204)
    c.call("POST", f"/v1/webhook-deliveries/{delivery_id}/redeliver", admin, None, {"Idempotency-Key": "again-2"}, expect=409)
def batches(c, keys):
    admin, reader, approver = keys["all"], keys["reader"], keys["approver"]

    def batch(reference, approval, items):
        return json.dumps({"reference": reference, "approval": approval, "items": [
            {"reference": f"{reference}-{i}", "amount": str(10000 * (i + 1)), "currency": "IDR",
             "beneficiary": {"bank": "bca", "account_number": "8760673566", "account_name": "Budi Santoso"}}
            for i in range(items)]})

    def post(key):
        return {"Content-Type": "application/json", "Idempotency-Key": key}

    body = batch("contract-batch-1", "required", 2)
    status, raw = c.call("POST", "/v1/payout-batches", admin, body, post("batch-1"), expect=202)
    batch_id = json.loads(raw)["id"]
    c.call("POST", "/v1/payout-batches", admin, body, post("batch-1"), expect=202)
    c.call("POST", "/v1/payout-batches", admin, body.replace('"10000"', '"5"'), post("batch-2"), expect=422)
    c.call("POST", "/v1/payout-batches", admin, batch("contract-batch-1", "auto", 1), post("batch-3"), expect=409)
    c.call("POST", "/v1/payout-batches", reader, body, post("batch-4"), expect=403)
    c.call("GET", f"/v1/payout-batches/{batch_id}", reader, expect=200)
    c.call("GET", "/v1/payout-batches/pb_missing", reader, expect=404)
    c.call("GET", "/v1/payout-batches?limit=1&status=awaiting_approval", reader, expect=200)
    c.call("GET", "/v1/payout-batches?status=late", reader, expect=400)
    decide = {"Idempotency-Key": "decide-1"}
    c.call("POST", f"/v1/payout-batches/{batch_id}/approve", admin, None, decide, expect=403)
    c.call("POST", f"/v1/payout-batches/{batch_id}/approve", reader, None, decide, expect=403)
    c.call("POST", f"/v1/payout-batches/{batch_id}/approve", approver, None, None, expect=400)
    c.call("POST", "/v1/payout-batches/pb_missing/approve", approver, None, decide, expect=404)
    c.call("POST", f"/v1/payout-batches/{batch_id}/approve", approver, None, decide, expect=200)
    c.call("POST", f"/v1/payout-batches/{batch_id}/approve", approver, None, decide, expect=200)  # the replay
    c.call("POST", f"/v1/payout-batches/{batch_id}/reject", approver, None, decide, expect=422)  # the key, another request
    c.call("POST", f"/v1/payout-batches/{batch_id}/reject", approver, None, {"Idempotency-Key": "decide-2"}, expect=409)
    status, raw = c.call("POST", "/v1/payout-batches", admin, batch("contract-batch-2", "required", 1), post("batch-5"), expect=202)
    c.call("POST", f"/v1/payout-batches/{json.loads(raw)['id']}/reject", approver, None, {"Idempotency-Key": "decide-3"}, expect=200)


if __name__ == "__main__":
    main(sys.argv[1])
