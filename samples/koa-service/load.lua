-- wrk script: the requests v1 and v2 both answer with 2xx, in turn: GETs of the list, of the
-- tasks the test created before the load (ids 1 to 3) and of the counters, a POST creating a task,
-- and a PUT marking task 3 done (a change only v2 counts as a revision). wrk reports answers
-- outside 2xx/3xx ("Non-2xx or 3xx responses") and socket errors.
local requests = {}
local i = 0

-- Built in init, once per thread: wrk.format adds the Host header only once wrk knows the host.
function init(args)
  local json = { ["content-type"] = "application/json" }
  requests = {
    wrk.format("GET", "/tasks"),
    wrk.format("GET", "/tasks/1"),
    wrk.format("POST", "/tasks", json, '{"title":"from wrk","priority":4}'),
    wrk.format("GET", "/tasks?limit=2&done=false"),
    wrk.format("GET", "/stats"),
    wrk.format("PUT", "/tasks/3", json, '{"done":true}'),
    wrk.format("GET", "/tasks/2"),
  }
end

function request()
  i = i + 1
  return requests[(i % #requests) + 1]
end
