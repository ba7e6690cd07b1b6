-- Scenario 3(b): every request wants 1 or 2 of the same 50 seats of one date.
-- args: CONCERT_ID DATE TOKENS_FILE SEED
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local concert, date
local tokens = {}
local sent = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
    concert, date = args[1], args[2]
    tokens = bench.lines(args[3])
    bench.seed(tonumber(args[4]))
end

function request()
    local first = math.random(50)
    local seats = tostring(first)
    if math.random(2) == 2 then
        local second = math.random(49)
        if second >= first then
            second = second + 1
        end
        seats = seats .. "," .. second
    end
    sent = sent + 1
    headers["Authorization"] = "Bearer " .. tokens[(sent % #tokens) + 1]
    return wrk.format("POST", "/api/v1/reservations", headers,
        '{"concertId":' .. concert .. ',"date":"' .. date .. '","seatNumbers":[' .. seats .. ']}')
end

function response(status, headers, body)
    bench.count(status)
end
