-- POST /api/v1/work-orders as a resident filing for their own dwelling.
-- Every request is a distinct order: its description names the run, its
-- phase (BENCH_PHASE: warmup or measured), the wrk thread and a counter;
-- the category goes round the ones given.
-- wrk -s bench/wo_create.lua URL -- TOKEN PLACE_ID RUN CATEGORY_ID...
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "wo_summary.lua")

local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("thread_no", threads)
end

local place, run, categories, sent = nil, nil, {}, 0
local phase = os.getenv("BENCH_PHASE") or "-"
function init(args)
    wrk.headers["Authorization"] = "Bearer " .. args[1]
    wrk.headers["Content-Type"] = "application/json"
    place, run = args[2], args[3]
    for i = 4, #args do
        categories[#categories + 1] = args[i]
    end
end

function request()
    sent = sent + 1
    local body = string.format(
        '{"channel":"resident_page","reporter_kind":"resident","place_id":%s,'
            .. '"category_id":%s,"description":"厨房水管漏水，楼下天花板在滴水（%s-%s-%d-%d）"}',
        place, categories[sent % #categories + 1], run, phase, thread_no, sent)
    return wrk.format("POST", "/api/v1/work-orders", nil, body)
end
