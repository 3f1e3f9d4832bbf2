-- POST /v1/payouts with a unique reference and Idempotency-Key per request.
-- BENCH_KEY is the API key; BENCH_RUN keeps references unique across runs.
local key = os.getenv("BENCH_KEY")
local run = os.getenv("BENCH_RUN") or "0"
local counter = 0

request = function()
  counter = counter + 1
  local ref = run .. "-" .. counter
  local body = '{"reference":"' .. ref .. '","amount":"150000","currency":"IDR",' ..
    '"beneficiary":{"bank":"014","account_number":"8760673566","account_name":"Budi Santoso"}}'
  return wrk.format("POST", "/v1/payouts", {
    ["Authorization"] = "Bearer " .. key, ["Idempotency-Key"] = ref, ["Content-Type"] = "application/json",
  }, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
