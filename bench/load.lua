-- Visitors and signed-in members over the site's main pages, for wrk. bench/load.py writes the plan (the pages by
-- class with their weights, the share of members' requests and their session cookies) and reads what done() prints.
--
--   wrk -t8 -c8 -d30s --latency -s bench/load.lua http://127.0.0.1:8792 -- plan.tsv [one class only]
--
-- Run it with as many threads as connections: each wrk thread then has one request in flight, so a response
-- belongs to the request the thread made last, and is counted under that request's class.

local classes = {} -- {name =, weight =, paths = {}}
local total_weight = 0
local cookies = {}
local member_share = 0
local current = nil -- the class and kind of reader of the request in flight

-- A global, so that done() can read it from every thread; flat (wrk copies nested tables wrongly). Keys:
-- "class<TAB>who<TAB>answers", "…<TAB>non-2xx", "…<TAB>signed out" (members' pages without "Sign out"), and
-- "second<TAB>os.time()<TAB>answers" / "…<TAB>non-2xx", to show when errors happened, and
-- "status<TAB>code<TAB>answers" for every status other than 2xx.
tally = {}

local function add(key)
   tally[key] = (tally[key] or 0) + 1
end

local threads = {}

function setup(thread)
   thread:set("number", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   local only = args[2]
   local by_name = {}
   for line in io.lines(args[1]) do
      local fields = {}
      for field in line:gmatch("[^\t]+") do
         table.insert(fields, field)
      end
      local kind = fields[1]
      if kind == "members" then
         member_share = tonumber(fields[2])
      elseif kind == "cookie" then
         table.insert(cookies, fields[2])
      elseif kind == "class" and (only == nil or fields[2] == only) then
         local class = { name = fields[2], weight = tonumber(fields[3]), paths = {} }
         by_name[class.name] = class
         table.insert(classes, class)
         total_weight = total_weight + class.weight
      elseif kind == "path" and by_name[fields[2]] then
         table.insert(by_name[fields[2]].paths, fields[3])
      end
   end
   if #classes == 0 then
      error("no class " .. tostring(only) .. " in " .. args[1])
   end
   math.randomseed(number * 7919) -- the same sequence every run, a different one per thread
end

function request()
   local pick = math.random() * total_weight
   local class = classes[#classes]
   for _, candidate in ipairs(classes) do
      if pick < candidate.weight then
         class = candidate
         break
      end
      pick = pick - candidate.weight
   end
   local headers = {}
   local who = "visitor"
   if #cookies > 0 and math.random() < member_share then
      who = "member"
      headers["Cookie"] = cookies[math.random(#cookies)]
   end
   current = { class = class.name, who = who }
   return wrk.format("GET", class.paths[math.random(#class.paths)], headers)
end

function response(status, headers, body)
   if current == nil then
      return
   end
   local class = current.class .. "\t" .. current.who .. "\t"
   local second = "second\t" .. os.time() .. "\t"
   add(class .. "answers")
   add(second .. "answers")
   if status < 200 or status > 299 then
      add(class .. "non-2xx")
      add(second .. "non-2xx")
      add("status\t" .. status .. "\tanswers")
   elseif current.who == "member" and current.class ~= "api" and not body:find("Sign out", 1, true) then
      add(class .. "signed out")
   end
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      for key, count in pairs(thread:get("tally")) do
         totals[key] = (totals[key] or 0) + count
      end
   end
   for key, count in pairs(totals) do
      io.write("@\t", key, "\t", count, "\n")
   end
end
