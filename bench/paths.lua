-- Cycles through the paths listed in a file, one per line, for wrk: each request asks for the next one.
--
--   wrk -t2 -c8 -d10s --latency -s bench/paths.lua http://127.0.0.1:8791 -- paths.txt
--
-- bench/pages.py writes the file; a header given with -H (a member's session cookie) goes with every request.

local paths = {}
local next_index = 1

function init(args)
   for line in io.lines(args[1]) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   -- Each wrk thread starts at another place in the list, so the threads do not ask in step.
   next_index = (math.random(1, #paths))
end

function request()
   local path = paths[next_index]
   next_index = next_index % #paths + 1
   return wrk.format("GET", path)
end
