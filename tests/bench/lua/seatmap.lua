-- Scenario 6: GET one date's seat map with an ACTIVE token drawn at random per request.
-- args: PATH TOKENS_FILE SEED. The same script drives the fixed-body ceiling server.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local requests = {}

function init(args)
    bench.seed(tonumber(args[3]))
    for _, token in ipairs(bench.lines(args[2])) do
        requests[#requests + 1] = wrk.format("GET", args[1],
            { ["Authorization"] = "Bearer " .. token })
    end
end

function request()
    return requests[math.random(#requests)]
end
