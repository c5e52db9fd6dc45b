-- Fills the dispatcher's queue before it is measured: community staff file
-- orders taken by phone for residents of the community, each at the
-- resident's dwelling, the categories and descriptions going round. Each
-- wrk thread stops once SHARE of its orders are answered.
-- wrk -s bench/wo_seed.lua URL -- TOKEN SHARE RESIDENT:DWELLING,... CATEGORY_ID,...
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("thread_no", threads)
end

local function split(s)
    local out = {}
    for item in s:gmatch("[^,]+") do
        out[#out + 1] = item
    end
    return out
end

local matters = {"厨房水管漏水", "楼道灯不亮", "电梯停在三楼不动", "单元门禁坏了",
                 "小区绿化带有垃圾", "车位被长期占用", "充电桩无法充电", "下水道堵塞"}
local share, people, categories, sent, answered = 0, {}, {}, 0, 0

function init(args)
    wrk.headers["Authorization"] = "Bearer " .. args[1]
    wrk.headers["Content-Type"] = "application/json"
    share = tonumber(args[2])
    people, categories = split(args[3]), split(args[4])
end

function request()
    sent = sent + 1
    local resident, dwelling = people[sent % #people + 1]:match("(%d+):(%d+)")
    local body = string.format(
        '{"channel":"phone","reporter_kind":"resident","reporter_resident_id":%s,'
            .. '"place_id":%s,"category_id":%s,"description":"%s（电话登记 %d-%d）"}',
        resident, dwelling, categories[sent % #categories + 1],
        matters[sent % #matters + 1], thread_no, sent)
    return wrk.format("POST", "/api/v1/work-orders", nil, body)
end

function response(status)
    answered = answered + 1
    if status ~= 201 then
        io.stderr:write("seed: answer " .. status .. "\n")
    end
    if answered >= share then
        wrk.thread:stop()
    end
end
