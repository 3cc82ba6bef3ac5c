-- wrk script: the link service's requests, in turn: a link followed, a "return to" redirect, a
-- form posted (urlencoded, extended), the stats. Every one answers 2xx or 3xx in both releases;
-- wrk reports answers outside them ("Non-2xx or 3xx responses") and socket errors.
local i = 0
request = function()
  i = i + 1
  local k = i % 4
  if k == 0 then return wrk.format("GET", "/l/docs") end
  if k == 1 then return wrk.format("GET", "/go?to=%2Fwelcome") end
  if k == 2 then
    return wrk.format("POST", "/links", { ["Content-Type"] = "application/x-www-form-urlencoded" },
      "name=load" .. (i % 50) .. "&url=https%3A%2F%2Fexample.org%2F" .. i .. "&tags[web]=1")
  end
  return wrk.format("GET", "/stats")
end
