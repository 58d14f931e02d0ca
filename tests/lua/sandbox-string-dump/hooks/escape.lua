-- string.dump is gone too, also through the string metatable
local ok = pcall(string.dump, print)
local bytecode = ("").dump(function() end)
