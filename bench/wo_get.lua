-- GET the URL's path with a bearer token: the dispatcher's queue on hongwu,
-- and the same request to nginx's static file (nginx ignores the token, so
-- both servers read the same bytes of request).
-- wrk -s bench/wo_get.lua URL -- TOKEN
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "wo_summary.lua")

function init(args)
    wrk.headers["Authorization"] = "Bearer " .. args[1]
    wrk.headers["Accept"] = "application/json"
end
