-- Scenario 3(a): POST /api/v1/reservations for one seat nobody asked for before.
-- args: DATES_FILE ("concertId date" lines) TOKENS_FILE FIRST COUNT
-- Request j (FIRST <= j < FIRST + COUNT) holds seat floor(j / D) + 1 of date j % D: each
-- request a different date in turn, no seat twice. Several wrk processes get disjoint ranges.
-- When the range is used up the thread stops and the summary says "exhausted" (a run that
-- needs more seats than were made must not be reported as a clean throughput).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local dates = {}
local tokens = {}
local next_index, last_index = 0, 0
local sent = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
    for _, line in ipairs(bench.lines(args[1])) do
        local concert, date = line:match("^(%d+) (%S+)$")
        dates[#dates + 1] = { concert = concert, date = date }
    end
    tokens = bench.lines(args[2])
    next_index = tonumber(args[3])
    last_index = next_index + tonumber(args[4]) - 1
end

function request()
    if next_index > last_index then
        exhausted = true
        wrk.thread:stop()
        next_index = last_index -- keep sending a valid request until the loop stops
    end
    local j = next_index
    next_index = next_index + 1
    local d = dates[(j % #dates) + 1]
    local seat = math.floor(j / #dates) + 1
    sent = sent + 1
    headers["Authorization"] = "Bearer " .. tokens[(sent % #tokens) + 1]
    return wrk.format("POST", "/api/v1/reservations", headers,
        '{"concertId":' .. d.concert .. ',"date":"' .. d.date .. '","seatNumbers":[' .. seat .. ']}')
end

function response(status, headers, body)
    bench.count(status)
end
