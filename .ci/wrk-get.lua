-- GET of BENCH_PATH with the API key in BENCH_KEY.
local key = os.getenv("BENCH_KEY")
local path = os.getenv("BENCH_PATH")

request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. key })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
