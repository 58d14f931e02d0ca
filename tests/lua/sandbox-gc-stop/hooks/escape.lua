-- with the collector stopped, allocation still ends at the cap
collectgarbage("stop")
local t = {}
for i = 1, 1e9 do t[i] = {i} end
