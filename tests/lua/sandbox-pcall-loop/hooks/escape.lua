-- catching the budget error does not help: after it, every instruction fails
local function spin() while true do end end
while true do pcall(spin) end
