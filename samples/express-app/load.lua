-- wrk script: GET requests over the routes v1 and v2 share, in turn. wrk reports answers outside
-- 2xx/3xx ("Non-2xx or 3xx responses") and socket errors.
local paths = { "/items", "/items/1", "/items?limit=2", "/stats", "/items/2" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
