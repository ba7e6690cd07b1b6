-- Scenario 1: GET /api/v1/queue/status with a token drawn at random from the whole queue.
-- args: TOKENS_FILE SEED. The same script drives the fixed-JSON ceiling server.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local requests = {}

function init(args)
    bench.seed(tonumber(args[2]))
    for _, token in ipairs(bench.lines(args[1])) do
        requests[#requests + 1] = wrk.format("GET", "/api/v1/queue/status",
            { ["Authorization"] = "Bearer " .. token })
    end
end

function request()
    return requests[math.random(#requests)]
end
