-- wrk script: GET /item/<n> with n drawn uniformly from a fixed range (0..999 by default), so with
-- the default cache of 500 entries per worker about half the requests hit and half render. Counts
-- the responses per x-version header and those outside 2xx, and prints one summary line:
--
--   wrk -t2 -c16 -d3s -s samples/webcluster/load.lua http://127.0.0.1:8080 [-- first last]
--
--   load: 51234 responses, 0 non-2xx, by version: v1 51234
--
-- Each thread draws from its own generator seeded by its number: a run asks for the same sequence
-- of items every time (how many of them depends on the speed).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  first = tonumber(args[1] or 0)
  last = tonumber(args[2] or 999)
  math.randomseed(20240611 + id)
  responses = 0
  non2xx = 0
  versions = {}
end

function request()
  return wrk.format("GET", "/item/" .. math.random(first, last))
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  local v = headers["x-version"] or "none"
  versions[v] = (versions[v] or 0) + 1
end

function done(summary, latency, requests)
  local total, bad, byVersion = 0, 0, {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("responses")
    bad = bad + thread:get("non2xx")
    for v, n in pairs(thread:get("versions")) do
      byVersion[v] = (byVersion[v] or 0) + n
    end
  end
  local names = {}
  for v in pairs(byVersion) do table.insert(names, v) end
  table.sort(names)
  local parts = {}
  for _, v in ipairs(names) do table.insert(parts, "v" .. v .. " " .. byVersion[v]) end
  io.write(string.format("load: %d responses, %d non-2xx, by version: %s\n", total, bad, table.concat(parts, ", ")))
end
