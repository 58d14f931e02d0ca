-- finalizers run without debug hooks, so they are not allowed at all
setmetatable({}, {__gc = function() while true do end end})
