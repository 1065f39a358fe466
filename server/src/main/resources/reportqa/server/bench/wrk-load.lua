-- The benchmark's load for wrk (reportqa.server.bench.WrkLoad). After "--" come the file of
-- requests (a line each: METHOD, TAB, path and query, TAB, JSON body or nothing) and the number of
-- threads; each thread cycles through the requests, starting at its own share of them, as the Java
-- client's connections start apart. The requests are formatted once, before the load starts, so
-- that sending one costs a table lookup. At the end, one line of JSON after the marker
-- "reportqa-load " holds what was measured (times in microseconds).

local threads = 0

function setup(thread)
   thread:set("id", threads)
   threads = threads + 1
end

local requests = {}
local at = 0

function init(args)
   local host = wrk.headers["Host"]
   for line in io.lines(args[1]) do
      local method, path, body = line:match("^(%u+)\t([^\t]+)\t(.*)$")
      if not method then
         error("not a request line: " .. line)
      end
      if body == "" then
         requests[#requests + 1] = wrk.format(method, path, { ["Host"] = host })
      else
         requests[#requests + 1] =
            wrk.format(method, path, { ["Host"] = host, ["Content-Type"] = "application/json" }, body)
      end
   end
   if #requests == 0 then
      error("no requests in " .. args[1])
   end
   at = math.floor(id * #requests / tonumber(args[2]))
end

function request()
   at = at % #requests + 1
   return requests[at]
end

function done(summary, latency)
   local e = summary.errors
   -- No response, no times (wrk's mean would be NaN, which JSON has no word for).
   local p50, p99, mean = 0, 0, 0
   if summary.requests > 0 then
      p50, p99, mean = latency:percentile(50), latency:percentile(99), latency.mean
   end
   io.write(string.format(
      'reportqa-load {"requests":%d,"microseconds":%d,"status":%d,"connect":%d,"read":%d,"write":%d,' ..
      '"timeout":%d,"p50":%d,"p99":%d,"mean":%.1f}\n',
      summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
      p50, p99, mean))
end
