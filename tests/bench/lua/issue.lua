-- Scenario 2: POST /api/v1/queue/tokens for a new user (a fresh random UUID) every time.
-- args: SEED
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local random = math.random
local headers = { ["Content-Type"] = "application/json" }

function init(args)
    bench.seed(tonumber(args[1]))
end

local function uuid4()
    return string.format("%08x-%04x-4%03x-%04x-%04x%08x",
        random(0, 0xffffffff), random(0, 0xffff), random(0, 0xfff),
        0x8000 + random(0, 0x3fff), random(0, 0xffff), random(0, 0xffffffff))
end

function request()
    return wrk.format("POST", "/api/v1/queue/tokens", headers,
        '{"userId":"' .. uuid4() .. '"}')
end

function response(status, headers, body)
    bench.count(status)
end
