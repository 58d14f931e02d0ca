-- the same through a reader function: load returns nil and the message
local parts = {"\27Lua", "\84\0"}
local f, err = load(function() return table.remove(parts, 1) end)
assert(f, err)
