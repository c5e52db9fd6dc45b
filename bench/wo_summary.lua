-- Shared by the wo_*.lua scripts of bench/workorders.sh: at the end of a
-- wrk run, one line of figures ("wrk key=value ...") for the script to read.
-- wrk counts an answer with a status of 400 or more as a status error; the
-- other errors are connections that failed, broke or timed out.
function done(summary, latency, requests)
    local e = summary.errors
    local seconds = summary.duration / 1e6
    io.write(string.format(
        "wrk requests=%d duration_s=%.3f rate_per_s=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f"
            .. " errors=%d status_errors=%d connect_errors=%d read_errors=%d"
            .. " write_errors=%d timeouts=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        e.connect + e.read + e.write + e.status + e.timeout, e.status,
        e.connect, e.read, e.write, e.timeout))
end
