-- Shared by the benchmark's wrk scripts (loaded with dofile from $BENCH_LUA_DIR).
-- setup() numbers the threads; done() writes one JSON summary to $BENCH_WRK_OUT:
-- requests, duration, socket and status errors, latency percentiles (microseconds), and the
-- HTTP statuses counted by scripts that define response() (they call bench.count(status)).
bench = {}
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_index", #threads)
end

statuses = {}
exhausted = false

function bench.count(status)
    statuses[status] = (statuses[status] or 0) + 1
end

-- Seeds math.random per thread and per wrk run ($BENCH_SALT differs between the warm-up and
-- the measured run, so that fresh UUIDs of one run are not replayed by the next).
function bench.seed(base)
    math.randomseed((base + (tonumber(os.getenv("BENCH_SALT")) or 0) + thread_index * 7919) % 2147483647)
end

-- Lines of a text file, without empty ones.
function bench.lines(path)
    local out = {}
    for line in io.lines(path) do
        if #line > 0 then
            out[#out + 1] = line
        end
    end
    return out
end

function done(summary, latency, requests)
    local merged = {}
    local ran_out = false
    for _, thread in ipairs(threads) do
        local counted = thread:get("statuses") or {}
        for status, n in pairs(counted) do
            local key = tostring(math.floor(status))
            merged[key] = (merged[key] or 0) + n
        end
        if thread:get("exhausted") then
            ran_out = true
        end
    end
    local parts = {}
    for key, n in pairs(merged) do
        parts[#parts + 1] = string.format('"%s":%d', key, n)
    end
    local e = summary.errors
    local json = string.format(
        '{"requests":%d,"duration_us":%d,"bytes":%d,' ..
        '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
        '"latency_us":{"p50":%.1f,"p90":%.1f,"p99":%.1f,"p999":%.1f,"mean":%.1f,"max":%.1f},' ..
        '"statuses":{%s},"exhausted":%s}\n',
        summary.requests, summary.duration, summary.bytes,
        e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99),
        latency:percentile(99.9), latency.mean, latency.max,
        table.concat(parts, ","), tostring(ran_out))
    local file = assert(io.open(os.getenv("BENCH_WRK_OUT"), "w"))
    file:write(json)
    file:close()
end
