-- caught errors spend budget, so a loop of them ends quickly
local function again() while true do pcall(again) end end
again()
