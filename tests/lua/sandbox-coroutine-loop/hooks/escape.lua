-- coroutines share the budget of their hook
local co = coroutine.wrap(function() while true do end end)
while true do pcall(co) end
